import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyWebhook } from '../../sdk/src/webhooks.ts';
import { DAY, HOUR, MINUTE } from '../src/platform/clock.ts';
import { emitEvents, type NewEvent } from '../src/platform/outbox.ts';
import { buildPaidOrder, buildShop } from './builders.ts';
import { api, createTestContext, type TestContext } from './harness.ts';
import { startReceiver, type WebhookReceiver } from './webhook-receiver.ts';

/**
 * The webhook delivery engine (server/src/modules/webhooks/delivery/, docs/webhooks.md "Delivery"):
 * a real HTTP receiver gets signed events it verifies with the SDK; failures are retried on the
 * schedule of the manual clock; one resource's events arrive in order; replays resend the same event;
 * a rotated secret signs alongside the new one for 24 h; 3 days of failures give up and disable the
 * endpoint.
 */

let ctx: TestContext;
let receiver: WebhookReceiver;
let ownerId: number;

const newSecret = () => `whsec_${randomBytes(24).toString('base64')}`;

beforeAll(async () => {
  ctx = await createTestContext();
  receiver = await startReceiver();
  ownerId = (await buildShop(ctx)).owner.id;
});
afterAll(async () => {
  await receiver?.close();
});

let paths = 0;
/** An endpoint on its own path of the receiver (direct row: the routes are tested in webhooks.integration). */
async function endpoint(
  shopId: number | null,
  eventTypes: string[],
): Promise<{ id: number; path: string; secret: string }> {
  const path = `/hook-${++paths}`;
  const secret = newSecret();
  const now = ctx.clock.now();
  const row = await ctx.db
    .insertInto('webhookEndpoints')
    .values({
      shopId,
      url: `${receiver.url}${path}`,
      eventTypes,
      state: 'enabled',
      disabledReason: null,
      secret,
      previousSecret: null,
      previousSecretExpiresAt: null,
      createdBy: ownerId,
      createdAt: now,
      updatedAt: now,
      deletedAt: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { id: row.id, path, secret };
}

async function emit(...events: NewEvent[]): Promise<void> {
  await ctx.db.transaction().execute((tx) => emitEvents(tx, events));
}

const deliveriesOf = (endpointId: number) =>
  ctx.db
    .selectFrom('webhookDeliveries')
    .selectAll()
    .where('endpointId', '=', endpointId)
    .orderBy('id')
    .execute();

const attemptsOf = (deliveryId: number) =>
  ctx.db
    .selectFrom('webhookAttempts')
    .selectAll()
    .where('deliveryId', '=', deliveryId)
    .orderBy('id')
    .execute();

describe('webhook delivery', () => {
  it('delivers a signed order.paid that the receiver verifies with the SDK helper', async () => {
    const { shopId } = await buildShop(ctx);
    const hook = await endpoint(shopId, ['order.paid']);
    const order = await buildPaidOrder(ctx, { shopId });
    await ctx.webhooks.runOnce();

    const got = receiver.at(hook.path);
    expect(got).toHaveLength(1); // order.created is not subscribed
    const event = verifyWebhook(hook.secret, got[0]!.headers, got[0]!.body);
    expect(event).toMatchObject({ type: 'order.paid', version: 1, shopId, data: { orderId: order.orderId } });
    expect(got[0]!.headers['webhook-id']).toBe(event.id);
    expect(got[0]!.headers['content-type']).toBe('application/json');
    expect(got[0]!.headers['user-agent']).toBe('Xinren-Webhooks/1');
    expect(Math.abs(Number(got[0]!.headers['webhook-timestamp']) - Date.now() / 1000)).toBeLessThan(60);
    expect(() => verifyWebhook(newSecret(), got[0]!.headers, got[0]!.body)).toThrow();

    const [delivery] = await deliveriesOf(hook.id);
    expect(delivery).toMatchObject({
      state: 'succeeded',
      attempts: 1,
      eventId: event.id,
      eventType: 'order.paid',
      resource: `order:${order.orderId}`,
      lastStatusCode: 200,
      leaseUntil: null,
    });
    expect(delivery!.deliveredAt).toEqual(ctx.clock.now());
    const attempts = await attemptsOf(delivery!.id);
    expect(attempts).toMatchObject([{ attempt: 1, statusCode: 200, error: null }]);
    expect(attempts[0]!.latencyMs).toBeGreaterThanOrEqual(0);
  });

  it('fans out by shop and type: a shop endpoint gets its shop’s events, a platform endpoint every shop’s', async () => {
    const a = await buildShop(ctx);
    const b = await buildShop(ctx);
    const shopHook = await endpoint(a.shopId, ['live.started']);
    const otherType = await endpoint(a.shopId, ['live.ended']);
    const opsHook = await endpoint(null, ['live.started', 'settlement.paid']);
    await emit(
      { type: 'live.started', shopId: a.shopId, resource: 'live:1', data: { n: 1 } },
      { type: 'live.started', shopId: b.shopId, resource: 'live:2', data: { n: 2 } },
      { type: 'settlement.paid', shopId: null, resource: 'settlement:3', data: { n: 3 } },
    );
    const counts = await ctx.webhooks.runOnce();
    expect(counts).toMatchObject({ dispatched: 3, created: 4, attempted: 4, succeeded: 4 });
    const dataOf = (path: string) => receiver.at(path).map((r) => JSON.parse(r.body).data.n);
    expect(dataOf(shopHook.path)).toEqual([1]);
    expect(dataOf(otherType.path)).toEqual([]);
    expect(dataOf(opsHook.path).sort()).toEqual([1, 2, 3]);
    expect(await sql`select 1 from outbox_events where dispatched_at is null`.execute(ctx.db)).toMatchObject({
      rows: [],
    });
  });

  it('retries a failing receiver on the schedule of the manual clock until it succeeds', async () => {
    const hook = await endpoint(null, ['coupon.claimed']);
    let failures = 3;
    const reply = receiver.reply;
    receiver.reply = (r) =>
      r.path === hook.path && failures-- > 0 ? { status: 500, body: 'boom '.repeat(400) } : reply(r);
    await emit({ type: 'coupon.claimed', shopId: null, resource: 'coupon:9', data: {} });

    const start = ctx.clock.now().getTime();
    await ctx.webhooks.runOnce();
    let [delivery] = await deliveriesOf(hook.id);
    expect(delivery).toMatchObject({
      state: 'retrying',
      attempts: 1,
      lastStatusCode: 500,
      lastError: 'HTTP 500',
    });
    expect(delivery!.lastResponseExcerpt).toHaveLength(1024);
    expect(delivery!.nextAttemptAt.getTime() - start).toBe(5_000);

    // not due yet: nothing is sent
    ctx.clock.advance(4_999);
    expect((await ctx.webhooks.runOnce()).attempted).toBe(0);
    ctx.clock.advance(1);
    await ctx.webhooks.runOnce();
    [delivery] = await deliveriesOf(hook.id);
    expect(delivery).toMatchObject({ state: 'retrying', attempts: 2 });
    expect(delivery!.nextAttemptAt.getTime() - ctx.clock.now().getTime()).toBe(30_000);

    ctx.clock.advance(30_000);
    await ctx.webhooks.runOnce();
    [delivery] = await deliveriesOf(hook.id);
    expect(delivery!.nextAttemptAt.getTime() - ctx.clock.now().getTime()).toBe(2 * MINUTE);

    ctx.clock.advance(2 * MINUTE);
    await ctx.webhooks.runOnce();
    [delivery] = await deliveriesOf(hook.id);
    expect(delivery).toMatchObject({ state: 'succeeded', attempts: 4, lastStatusCode: 200, lastError: null });
    expect((await attemptsOf(delivery!.id)).map((a) => a.statusCode)).toEqual([500, 500, 500, 200]);
    const got = receiver.at(hook.path);
    expect(got).toHaveLength(4);
    expect(new Set(got.map((r) => r.headers['webhook-id'])).size).toBe(1);
    expect(new Set(got.map((r) => r.body)).size).toBe(1);
    receiver.reply = reply;
  });

  it('keeps one resource’s events in order: a later event waits while an earlier one is retried', async () => {
    const hook = await endpoint(null, ['order.shipped']);
    let failFirst = true;
    const reply = receiver.reply;
    receiver.reply = (r) => {
      if (r.path === hook.path && failFirst && JSON.parse(r.body).data.n === 1) {
        failFirst = false;
        return { status: 503 };
      }
      return reply(r);
    };
    await emit(
      { type: 'order.shipped', shopId: null, resource: 'order:71', data: { n: 1 } },
      { type: 'order.shipped', shopId: null, resource: 'order:71', data: { n: 2 } },
      { type: 'order.shipped', shopId: null, resource: 'order:72', data: { n: 3 } },
      { type: 'order.shipped', shopId: null, resource: 'order:71', data: { n: 4 } },
    );
    await ctx.webhooks.runOnce();
    const sequence = () => receiver.at(hook.path).map((r) => JSON.parse(r.body).data.n);
    expect(sequence().sort()).toEqual([1, 3]); // 2 and 4 wait for 1 (1 and 3 are sent at once)
    ctx.clock.advance(5_000);
    for (let i = 0; i < 3; i++) await ctx.webhooks.runOnce();
    expect(sequence().filter((n) => n !== 3)).toEqual([1, 1, 2, 4]);
    expect((await deliveriesOf(hook.id)).every((d) => d.state === 'succeeded')).toBe(true);
    receiver.reply = reply;
  });

  it('replays a delivery: one more request with the same webhook-id and body', async () => {
    const hook = await endpoint(null, ['product.listed']);
    await emit({ type: 'product.listed', shopId: null, resource: 'product:5', data: { n: 5 } });
    await ctx.webhooks.runOnce();
    const [original] = await deliveriesOf(hook.id);
    // as the console's replay writes it (webhooks routes): a new pending delivery of the same event
    await ctx.db
      .insertInto('webhookDeliveries')
      .values({
        endpointId: hook.id,
        outboxId: original!.outboxId,
        eventId: original!.eventId,
        eventType: original!.eventType,
        resource: original!.resource,
        state: 'pending',
        nextAttemptAt: ctx.clock.now(),
        replayOf: original!.id,
        createdAt: ctx.clock.now(),
      })
      .execute();
    expect(await ctx.webhooks.runOnce()).toMatchObject({ attempted: 1, succeeded: 1 });
    const got = receiver.at(hook.path);
    expect(got).toHaveLength(2);
    expect(got[1]!.headers['webhook-id']).toBe(original!.eventId);
    expect(got[1]!.body).toBe(got[0]!.body);
    const [first, replay] = await deliveriesOf(hook.id);
    expect(first).toMatchObject({ state: 'succeeded', attempts: 1 });
    expect(replay).toMatchObject({ state: 'succeeded', attempts: 1, replayOf: original!.id });
  });

  it('through the console: a test event, a replay and a rotation reach the receiver as the engine sends them', async () => {
    const { shopId, owner } = await buildShop(ctx);
    const as = api(ctx.app).as(owner.token);
    const path = `/console-${++paths}`;
    const created = await as.post(`/api/v1/shops/${shopId}/webhooks`, {
      url: `${receiver.url}${path}`,
      eventTypes: ['order.paid'],
    });
    expect(created.status).toBe(201);
    const url = `/api/v1/shops/${shopId}/webhooks/${created.body.id}`;

    const sent = await as.post(`${url}/test`, {});
    expect(sent.status).toBe(202);
    await ctx.webhooks.runOnce();
    const [test] = receiver.at(path);
    expect(verifyWebhook(created.body.secret, test!.headers, test!.body)).toMatchObject({
      type: 'webhook.test',
    });

    const replay = await as.post(`${url}/deliveries/${sent.body.id}/replay`, {});
    expect(replay.status).toBe(201);
    await ctx.webhooks.runOnce();
    expect(receiver.at(path)).toHaveLength(2);
    expect(receiver.at(path)[1]!.headers['webhook-id']).toBe(test!.headers['webhook-id']);
    expect(receiver.at(path)[1]!.body).toBe(test!.body);
    const detail = await as.get(`${url}/deliveries/${replay.body.id}`);
    expect(detail.body).toMatchObject({ state: 'succeeded', replayOf: sent.body.id });
    expect(detail.body.attempts).toMatchObject([{ attempt: 1, statusCode: 200 }]);
    expect(detail.body.payload).toEqual(JSON.parse(test!.body));

    const rotated = await as.post(`${url}/rotate-secret`, {});
    expect(rotated.status).toBe(200);
    await as.post(`${url}/test`, {});
    await ctx.webhooks.runOnce();
    const last = receiver.at(path)[2]!;
    expect(verifyWebhook(created.body.secret, last.headers, last.body)).toMatchObject({
      type: 'webhook.test',
    });
    expect(verifyWebhook(rotated.body.secret, last.headers, last.body)).toMatchObject({
      type: 'webhook.test',
    });
  });

  it('signs with both secrets for 24 hours after a rotation, then with the new one only', async () => {
    const hook = await endpoint(null, ['deposit.changed']);
    const rotated = newSecret();
    await ctx.db
      .updateTable('webhookEndpoints')
      .set({
        secret: rotated,
        previousSecret: hook.secret,
        previousSecretExpiresAt: new Date(ctx.clock.now().getTime() + DAY),
      })
      .where('id', '=', hook.id)
      .execute();
    await emit({ type: 'deposit.changed', shopId: null, resource: 'deposit:1', data: {} });
    await ctx.webhooks.runOnce();
    let [got] = receiver.at(hook.path).slice(-1);
    expect(String(got!.headers['webhook-signature']).split(' ')).toHaveLength(2);
    expect(verifyWebhook(hook.secret, got!.headers, got!.body)).toMatchObject({ type: 'deposit.changed' });
    expect(verifyWebhook(rotated, got!.headers, got!.body)).toMatchObject({ type: 'deposit.changed' });

    ctx.clock.advance(DAY + 1);
    await emit({ type: 'deposit.changed', shopId: null, resource: 'deposit:1', data: {} });
    await ctx.webhooks.runOnce();
    [got] = receiver.at(hook.path).slice(-1);
    expect(String(got!.headers['webhook-signature']).split(' ')).toHaveLength(1);
    expect(verifyWebhook(rotated, got!.headers, got!.body)).toMatchObject({ type: 'deposit.changed' });
    expect(() => verifyWebhook(hook.secret, got!.headers, got!.body)).toThrow();
  });

  it('gives up 3 days after the first attempt and disables the endpoint as failing', async () => {
    const hook = await endpoint(null, ['violation.created']);
    const reply = receiver.reply;
    receiver.reply = (r) => (r.path === hook.path ? { status: 410, body: 'gone' } : reply(r));
    await emit({ type: 'violation.created', shopId: null, resource: 'violation:1', data: {} });
    const first = ctx.clock.now().getTime();
    await ctx.webhooks.runOnce();
    for (let round = 0; round < 30; round++) {
      const [delivery] = await deliveriesOf(hook.id);
      if (delivery!.state !== 'retrying') break;
      ctx.clock.set(delivery!.nextAttemptAt);
      await ctx.webhooks.runOnce();
    }
    const [delivery] = await deliveriesOf(hook.id);
    expect(delivery).toMatchObject({ state: 'failed', attempts: 15, lastStatusCode: 410 });
    expect(ctx.clock.now().getTime() - first).toBe(3 * DAY);
    const attempts = await attemptsOf(delivery!.id);
    expect(attempts).toHaveLength(15);
    expect(attempts.map((a) => a.startedAt.getTime() - first).slice(0, 4)).toEqual([
      0, 5_000, 35_000, 155_000,
    ]);
    const row = await ctx.db
      .selectFrom('webhookEndpoints')
      .select(['state', 'disabledReason'])
      .where('id', '=', hook.id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ state: 'disabled', disabledReason: 'failing' });

    // a disabled endpoint gets no new deliveries
    await emit({ type: 'violation.created', shopId: null, resource: 'violation:2', data: {} });
    await ctx.webhooks.runOnce();
    expect(await deliveriesOf(hook.id)).toHaveLength(1);
    receiver.reply = reply;
  });

  it('does not disable an endpoint when a delivery succeeded since the failing one began', async () => {
    const hook = await endpoint(null, ['live.ended']);
    const reply = receiver.reply;
    receiver.reply = (r) =>
      r.path === hook.path && JSON.parse(r.body).data.bad ? { status: 500 } : reply(r);
    await emit({ type: 'live.ended', shopId: null, resource: 'live:bad', data: { bad: true } });
    await ctx.webhooks.runOnce();
    ctx.clock.advance(HOUR);
    await emit({ type: 'live.ended', shopId: null, resource: 'live:good', data: { bad: false } });
    await ctx.webhooks.runOnce();
    for (let round = 0; round < 30; round++) {
      const [bad] = await deliveriesOf(hook.id);
      if (bad!.state !== 'retrying') break;
      ctx.clock.set(bad!.nextAttemptAt);
      await ctx.webhooks.runOnce();
    }
    expect((await deliveriesOf(hook.id)).map((d) => d.state)).toEqual(['failed', 'succeeded']);
    const row = await ctx.db
      .selectFrom('webhookEndpoints')
      .select('state')
      .where('id', '=', hook.id)
      .executeTakeFirstOrThrow();
    expect(row.state).toBe('enabled');
    receiver.reply = reply;
  });

  it('times out a receiver that does not answer and records the error', async () => {
    const hook = await endpoint(null, ['aftersales.opened']);
    const reply = receiver.reply;
    receiver.reply = (r) => (r.path === hook.path ? { status: 200, delayMs: 1_500 } : reply(r));
    const { WebhookRunner } = await import('../src/modules/webhooks/index.ts');
    const quick = new WebhookRunner({
      db: ctx.db,
      clock: ctx.clock,
      log: ctx.log,
      timeoutMs: 200,
      allowPrivateNetworks: ctx.config.webhooksAllowPrivateNetworks,
    });
    await emit({ type: 'aftersales.opened', shopId: null, resource: 'aftersales:1', data: {} });
    expect(await quick.runOnce()).toMatchObject({ attempted: 1, retrying: 1 });
    const [delivery] = await deliveriesOf(hook.id);
    expect(delivery).toMatchObject({ state: 'retrying', lastStatusCode: null, lastError: 'timeout' });
    receiver.reply = reply;
  });

  it('puts a delivery whose lease expired back to retry, and prunes old events and deliveries', async () => {
    const hook = await endpoint(null, ['product.blocked']);
    await emit({ type: 'product.blocked', shopId: null, resource: 'product:77', data: {} });
    await ctx.webhooks.runOnce();
    const [done] = await deliveriesOf(hook.id);
    // a deliverer that claimed this one and died
    await ctx.db
      .updateTable('webhookDeliveries')
      .set({ state: 'delivering', attempts: 2, leaseUntil: new Date(ctx.clock.now().getTime() - 1) })
      .where('id', '=', done!.id)
      .execute();
    expect(await ctx.webhooks.runOnce()).toMatchObject({ recovered: 1, attempted: 1, succeeded: 1 });
    expect((await attemptsOf(done!.id)).map((a) => [a.attempt, a.statusCode])).toEqual([
      [1, 200],
      [2, null],
      [3, 200],
    ]);

    const events = async () =>
      Number((await sql<{ n: number }>`select count(*) as n from outbox_events`.execute(ctx.db)).rows[0]!.n);
    const before = await events();
    await sql`update outbox_events set occurred_at = occurred_at - interval '30 days'`.execute(ctx.db);
    const pruned = await ctx.webhooks.prune();
    // events with an open delivery to a live endpoint stay (the timeout test's retrying one)
    expect(pruned.events).toBe(before - 1);
    expect(await events()).toBe(1);
    expect((await deliveriesOf(hook.id))[0]!.state).toBe('succeeded'); // the log stays 30 days
    ctx.clock.advance(31 * DAY);
    const later = await ctx.webhooks.prune();
    expect(later.deliveries).toBeGreaterThan(0);
    expect(await deliveriesOf(hook.id)).toEqual([]);
  });
});
