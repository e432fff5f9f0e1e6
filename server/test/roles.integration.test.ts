import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from './harness.ts';
import { call, startRole, until, waitReady } from './role-process.ts';

// Process roles (issue 20): an `api` process serves the API and fires nothing; a `worker` process fires
// deadlines and serves only its probes and /metrics. One database, no seed, no pooler.
describe('process roles', () => {
  const clients: pg.Client[] = [];
  afterAll(async () => {
    for (const c of clients) await c.end();
  });

  it('an api process fires no deadline and schedules none; a worker fires it and serves only probes and /metrics', async () => {
    const url = await createTestDatabase();
    const direct = new pg.Client({ connectionString: url });
    await direct.connect();
    clients.push(direct);
    const env = { DATABASE_URL: url, XINREN_SEED: 'off' };

    const api = await startRole('api', env);
    await waitReady(api);
    expect(api.output()).toContain('process role: api');
    // the API answers (a validation error, not a 404)
    expect((await call(api, 'POST', '/api/v1/auth/login', {})).status).toBe(400);
    const recurring = await direct.query(`select count(*)::int as n from deadlines`);
    expect(recurring.rows[0].n).toBe(0);
    const due = await direct.query(
      `insert into deadlines (kind, subject_id, due_at)
       values ('discovery.refresh_ranks', 1, now() - interval '1 minute') returning id`,
    );
    const id = due.rows[0].id as number;
    // the runner polls every second: three seconds leave it time to fire, had it been started
    await new Promise((r) => setTimeout(r, 3_000));
    expect((await direct.query('select status from deadlines where id = $1', [id])).rows[0].status).toBe(
      'pending',
    );

    // XINREN_ROLE without the flag
    const worker = await startRole(undefined, { ...env, XINREN_ROLE: 'worker' });
    await waitReady(worker);
    expect(worker.output()).toContain('process role: worker');
    await until('the worker to fire the due deadline', async () => {
      const row = await direct.query('select status from deadlines where id = $1', [id]);
      return row.rows[0].status === 'done' ? true : undefined;
    });
    // and it schedules the recurring deadlines at start
    const scheduled = await direct.query(
      `select count(distinct kind)::int as n from deadlines where status = 'pending'`,
    );
    expect(scheduled.rows[0].n).toBeGreaterThanOrEqual(5);

    expect((await call(worker, 'GET', '/health/live')).status).toBe(200);
    const ready = await call(worker, 'GET', '/health/ready');
    expect(await ready.json()).toEqual({ status: 'ready', database: 'up', migrations: 'applied' });
    const metrics = await call(worker, 'GET', '/metrics');
    expect(metrics.status).toBe(200);
    expect(await metrics.text()).toContain('xinren_deadlines_backlog');
    for (const [method, path] of [
      ['POST', '/api/v1/auth/login'],
      ['GET', '/api/v1/me'],
      ['GET', '/api/v1/live/sessions'],
      ['GET', '/health'],
      ['GET', '/openapi.json'],
      ['GET', '/docs'],
    ] as const) {
      const res = await call(worker, method, path, method === 'POST' ? {} : undefined);
      expect(res.status, `${method} ${path}`).toBe(404);
    }
  }, 240_000);

  it('refuses an unknown role before touching the database', async () => {
    const proc = await startRole(undefined, {
      DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none',
      XINREN_ROLE: 'web',
    });
    const code = await new Promise<number | null>((resolve) => proc.child.on('exit', resolve));
    expect(code).toBe(1);
    expect(proc.output()).toContain('XINREN_ROLE must be api, worker or all, got "web"');
  }, 60_000);
});
