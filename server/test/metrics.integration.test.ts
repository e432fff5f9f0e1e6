import pino from 'pino';
import { beforeAll, describe, expect, it } from 'vitest';
import { liveClient } from '../src/modules/live/live.test-support.ts';
import { openEvents } from '../src/modules/live/live-events.test-support.ts';
import { createHttp } from '../src/platform/http.ts';
import { observability } from '../src/platform/observability.ts';
import { emitEvents } from '../src/platform/outbox.ts';
import { buildPaidOrder, buildShop } from './builders.ts';
import { api, createTestContext, type TestContext } from './harness.ts';

let ctx: TestContext;
let base: string;
const client = liveClient(() => ctx);

beforeAll(async () => {
  ctx = await createTestContext();
  base = await ctx.app.listen({ port: 0, host: '127.0.0.1' });
});

interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

/** The samples of a Prometheus text exposition (comments skipped). */
function parseExposition(text: string): Sample[] {
  const samples: Sample[] = [];
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith('#')) continue;
    const match = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!match) throw new Error(`not an exposition line: ${line}`);
    const labels: Record<string, string> = {};
    for (const m of (match[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)) labels[m[1]!] = m[2]!;
    samples.push({ name: match[1]!, labels, value: Number(match[3]) });
  }
  return samples;
}

async function scrape(headers: Record<string, string> = {}) {
  const res = await ctx.app.inject({ url: '/metrics', headers });
  expect(res.statusCode, res.body).toBe(200);
  expect(res.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
  const samples = parseExposition(res.body);
  /** The value of the one sample of `name` with these labels (undefined when none). */
  const value = (name: string, labels: Record<string, string> = {}) => {
    const found = samples.filter(
      (s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v),
    );
    if (found.length > 1) throw new Error(`${found.length} samples of ${name} ${JSON.stringify(labels)}`);
    return found[0]?.value;
  };
  return { samples, value, text: res.body };
}

describe('/metrics', () => {
  it('holds every series, with process metrics', async () => {
    const { samples } = await scrape();
    const names = new Set(samples.map((s) => s.name));
    for (const name of [
      'xinren_db_pool_connections',
      'xinren_db_query_duration_seconds_count',
      'xinren_deadlines_backlog',
      'xinren_deadlines_lag_seconds',
      'xinren_outbox_backlog',
      'xinren_webhook_deliveries_failing',
      'xinren_live_viewers',
      'xinren_checkout_batch_size_count',
      'xinren_metrics_database_up',
      'process_cpu_user_seconds_total',
      'process_resident_memory_bytes',
      'nodejs_eventloop_lag_seconds',
    ])
      expect(names, name).toContain(name);
  });

  it('times each request under its route pattern, method and status', async () => {
    const { orderId, buyer } = await buildPaidOrder(ctx);
    const labels = { method: 'GET', route: '/api/v1/orders/:id', status: '200' };
    const before = (await scrape()).value('xinren_http_request_duration_seconds_count', labels) ?? 0;
    expect((await api(ctx.app, buyer.token).get(`/api/v1/orders/${orderId}`)).status).toBe(200);
    expect((await api(ctx.app, buyer.token).get(`/api/v1/orders/${orderId}`)).status).toBe(200);
    const m = await scrape();
    expect(m.value('xinren_http_request_duration_seconds_count', labels)).toBe(before + 2);
    expect(m.value('xinren_http_request_duration_seconds_bucket', { ...labels, le: '+Inf' })).toBe(
      before + 2,
    );
    expect(m.value('xinren_http_request_duration_seconds_sum', labels)).toBeGreaterThan(0);
    // the pattern, never the URL with its id
    expect(m.text).not.toContain(`route="/api/v1/orders/${orderId}"`);
    // the checkout that made the order was timed too, and counted in a batch
    expect(
      m.value('xinren_http_request_duration_seconds_count', {
        method: 'POST',
        route: '/api/v1/checkout',
        status: '201',
      }),
    ).toBeGreaterThanOrEqual(1);
    expect(m.value('xinren_checkout_batch_size_count')).toBeGreaterThanOrEqual(1);
    expect(m.value('xinren_checkout_batch_size_bucket', { le: '1' })).toBeGreaterThanOrEqual(1);
    // a URL no route has is one series, not one per URL
    await api(ctx.app).get('/api/v1/no-such-route/123');
    expect(
      (await scrape()).value('xinren_http_request_duration_seconds_count', {
        method: 'GET',
        route: 'unmatched',
        status: '404',
      }),
    ).toBeGreaterThanOrEqual(1);
  });

  it('reads the database pools and times the queries', async () => {
    const before = (await scrape()).value('xinren_db_query_duration_seconds_count')!;
    await api(ctx.app).get('/health');
    const m = await scrape();
    const total = m.value('xinren_db_pool_connections', { state: 'total' })!;
    const idle = m.value('xinren_db_pool_connections', { state: 'idle' })!;
    expect(total).toBeGreaterThanOrEqual(1);
    expect(idle).toBeGreaterThanOrEqual(0);
    expect(idle).toBeLessThanOrEqual(total);
    expect(m.value('xinren_db_pool_connections', { state: 'waiting' })).toBe(0);
    expect(m.value('xinren_db_query_duration_seconds_count')).toBeGreaterThan(before);
    expect(m.value('xinren_db_query_duration_seconds_sum')).toBeGreaterThan(0);
    expect(m.value('xinren_metrics_database_up')).toBe(1);
  });

  it('counts deadlines due on the platform clock and how late the oldest is', async () => {
    const before = (await scrape()).value('xinren_deadlines_backlog')!;
    const now = ctx.clock.now();
    const { id } = await ctx.db
      .insertInto('deadlines')
      .values({ kind: 'metrics.test', subjectId: 1, dueAt: new Date(now.getTime() + 60_000) })
      .returning('id')
      .executeTakeFirstOrThrow();
    // not due yet
    expect((await scrape()).value('xinren_deadlines_backlog')).toBe(before);
    ctx.clock.advance(10 * 60_000);
    const due = await scrape();
    expect(due.value('xinren_deadlines_backlog')).toBeGreaterThanOrEqual(before + 1);
    expect(due.value('xinren_deadlines_lag_seconds')).toBeGreaterThanOrEqual(9 * 60);
    await ctx.db.updateTable('deadlines').set({ status: 'cancelled' }).where('id', '=', id).execute();
  });

  it('counts events written and not yet dispatched', async () => {
    const before = (await scrape()).value('xinren_outbox_backlog')!;
    await ctx.db
      .transaction()
      .execute((tx) =>
        emitEvents(tx, [{ type: 'metrics.test', shopId: null, resource: 'metrics:1', data: {} }]),
      );
    expect((await scrape()).value('xinren_outbox_backlog')).toBe(before + 1);
  });

  it('counts webhook deliveries waiting for a retry', async () => {
    const { owner, shopId } = await buildShop(ctx);
    const before = (await scrape()).value('xinren_webhook_deliveries_failing')!;
    const now = ctx.clock.now();
    const endpoint = await ctx.db
      .insertInto('webhookEndpoints')
      .values({
        shopId,
        url: 'http://127.0.0.1:9/hook',
        eventTypes: ['order.paid'],
        state: 'enabled',
        disabledReason: null,
        secret: 'whsec_dGVzdHRlc3R0ZXN0dGVzdHRlc3R0ZXN0',
        previousSecret: null,
        previousSecretExpiresAt: null,
        createdBy: owner.id,
        createdAt: now,
        updatedAt: now,
        deletedAt: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const delivery = (state: 'retrying' | 'succeeded', n: number) => ({
      endpointId: endpoint.id,
      outboxId: n,
      eventId: `evt_metrics_${n}`,
      eventType: 'order.paid',
      resource: `order:${n}`,
      state,
      attempts: 1,
      nextAttemptAt: now,
      leaseUntil: null,
      firstAttemptAt: now,
      deliveredAt: state === 'succeeded' ? now : null,
      lastStatusCode: state === 'succeeded' ? 200 : 500,
      lastLatencyMs: 3,
      lastError: null,
      lastResponseExcerpt: null,
      replayOf: null,
      createdAt: now,
    });
    await ctx.db
      .insertInto('webhookDeliveries')
      .values([delivery('retrying', 1), delivery('retrying', 2), delivery('succeeded', 3)])
      .execute();
    expect((await scrape()).value('xinren_webhook_deliveries_failing')).toBe(before + 2);
  });

  it("gauges a live room's viewers and counts the events fanned out to them", async () => {
    const { owner, shopId } = await buildShop(ctx);
    const sessionId = await client.schedule(owner, { shopId });
    const before = await scrape();
    const viewersBefore = before.value('xinren_live_viewers')!;
    const sessionEvents = before.value('xinren_live_events_fanned_out_total', { event: 'session' }) ?? 0;
    const viewer = await openEvents(base, sessionId);
    await viewer.next('snapshot');
    expect((await scrape()).value('xinren_live_viewers')).toBe(viewersBefore + 1);
    expect((await client.as(owner).post(`/api/v1/live/sessions/${sessionId}/start`)).status).toBe(200);
    await viewer.next('session');
    expect((await scrape()).value('xinren_live_events_fanned_out_total', { event: 'session' })).toBe(
      sessionEvents + 1,
    );
    viewer.close();
    await expect.poll(async () => (await scrape()).value('xinren_live_viewers')).toBe(viewersBefore);
  });
});

describe('/metrics behind a token (XINREN_METRICS_TOKEN)', () => {
  it('refuses a scrape without the token or with another one', async () => {
    const app = await createHttp({ logger: pino({ level: 'silent' }), authenticate: async () => null });
    await observability(app, { db: ctx.db, clock: ctx.clock, metricsToken: 'scrape-s3cret' });
    const without = await app.inject({ url: '/metrics' });
    expect(without.statusCode).toBe(401);
    expect(without.headers['www-authenticate']).toMatch(/^Bearer/);
    expect(without.json().error.code).toBe('unauthenticated');
    const wrong = await app.inject({ url: '/metrics', headers: { authorization: 'Bearer scrape-s3creT' } });
    expect(wrong.statusCode).toBe(401);
    const right = await app.inject({ url: '/metrics', headers: { authorization: 'Bearer scrape-s3cret' } });
    expect(right.statusCode).toBe(200);
    expect(right.body).toContain('xinren_http_request_duration_seconds');
    await app.close();
  });

  it('is public without the setting', async () => {
    expect((await ctx.app.inject({ url: '/metrics' })).statusCode).toBe(200);
  });
});

describe('liveness and readiness', () => {
  it('answers live without the database, ready with it and its migrations; /health as before', async () => {
    expect(await api(ctx.app).get('/health/live')).toMatchObject({ status: 200, body: { status: 'ok' } });
    expect(await api(ctx.app).get('/health/ready')).toMatchObject({
      status: 200,
      body: { status: 'ready', database: 'up', migrations: 'applied' },
    });
    expect(await api(ctx.app).get('/health')).toMatchObject({
      status: 200,
      body: { status: 'ok', database: 'up' },
    });
  });

  it('answers 503 to readiness while the app stops (drain)', async () => {
    const app = await createHttp({ logger: pino({ level: 'silent' }), authenticate: async () => null });
    await observability(app, { db: ctx.db, clock: ctx.clock, metricsToken: undefined });
    let release!: () => void;
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    // Holds the stop between "closing" and the listener's end, as a drain would last.
    app.addHook('preClose', async () => held);
    const url = await app.listen({ port: 0, host: '127.0.0.1' });
    expect((await fetch(`${url}/health/ready`)).status).toBe(200);
    const closed = app.close();
    const during = await fetch(`${url}/health/ready`);
    expect(during.status).toBe(503);
    release();
    await closed;
  });

  it('is not ready when the database is away', async () => {
    const { connect } = await import('../src/platform/db.ts');
    const away = connect('postgres://nobody@127.0.0.1:1/none', { max: 1 });
    const app = await createHttp({ logger: pino({ level: 'silent' }), authenticate: async () => null });
    await observability(app, { db: away.db, clock: ctx.clock, metricsToken: undefined, timeoutMs: 500 });
    const res = await app.inject({ url: '/health/ready' });
    expect(res.statusCode).toBe(503);
    expect(res.json()).toEqual({ status: 'not_ready', database: 'down', migrations: 'unknown' });
    expect((await app.inject({ url: '/health/live' })).statusCode).toBe(200);
    // a scrape still answers, saying the database gauges could not be read
    const scraped = await app.inject({ url: '/metrics' });
    expect(scraped.statusCode).toBe(200);
    expect(scraped.body).toMatch(/^xinren_metrics_database_up 0$/m);
    await app.close();
    await away.close();
  });
});
