import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { notify, PgPubSub } from '../src/platform/pubsub.ts';
import { createTestContext, type TestContext } from './harness.ts';

let ctx: TestContext;
let pubsub: PgPubSub;
beforeAll(async () => {
  ctx = await createTestContext();
  pubsub = new PgPubSub(ctx.dbUrl, { reconnectMs: 50 });
});
afterAll(async () => {
  await pubsub.close();
});

describe('the LISTEN connection of PostgreSQL mode', () => {
  it('is a connection of its own, opened again and listening again after it was lost', async () => {
    const heard: string[] = [];
    await pubsub.subscribe('reconnect_probe', (p) => heard.push(p));
    await notify(ctx.db, 'reconnect_probe', 'before');
    await pubsub.sync();
    expect(heard).toEqual(['before']);

    // Not a pool client: the listening session is named, and the pool never hands it out.
    const listeners = await sql<{ pid: number }>`
      select pid from pg_stat_activity
      where datname = current_database() and application_name = 'xinren-listen'`.execute(ctx.db);
    expect(listeners.rows.length).toBeGreaterThan(0);
    for (const { pid } of listeners.rows) await sql`select pg_terminate_backend(${pid})`.execute(ctx.db);

    // The lost connection is replaced and listens again: a later notification arrives.
    let n = 0;
    while (!heard.includes('after') && n++ < 100) {
      await notify(ctx.db, 'reconnect_probe', 'after');
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(heard).toContain('after');
  });
});
