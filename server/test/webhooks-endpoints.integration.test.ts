import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HOUR } from '../src/platform/clock.ts';
import { buildOps, buildShop, buildStaff, buildUser, type TestUser } from './builders.ts';
import { api, createTestContext, type TestContext, tableCounts } from './harness.ts';

// Issue 19: webhook endpoints, their secrets and their delivery log, as shops and ops use them.

interface Received {
  headers: IncomingHttpHeaders;
  body: string;
}

let ctx: TestContext;
let receiver: Server;
let receiverUrl: string;
const received: Received[] = [];
/** What the receiver answers next (one status per request; 204 when empty). */
const answers: number[] = [];

let shopA: Awaited<ReturnType<typeof buildShop>>;
let shopB: Awaited<ReturnType<typeof buildShop>>;
let staffA: TestUser;
let ops: TestUser;

beforeAll(async () => {
  ctx = await createTestContext();
  receiver = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      res.statusCode = answers.shift() ?? 204;
      res.end(res.statusCode >= 400 ? 'nope' : '');
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks`;
  shopA = await buildShop(ctx);
  shopB = await buildShop(ctx);
  staffA = await buildStaff(ctx, shopA.shopId);
  ops = await buildOps(ctx, ['rule_admin']);
});

afterAll(async () => {
  await new Promise<void>((resolve) => receiver.close(() => resolve()));
});

const base = (shopId: number) => `/api/v1/shops/${shopId}/webhooks`;

async function endpointOfShopA(body: Record<string, unknown> = {}) {
  const res = await api(ctx.app)
    .as(shopA.owner.token)
    .post(base(shopA.shopId), { url: receiverUrl, eventTypes: ['order.paid'], ...body });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body;
}

describe('a shop’s endpoints', () => {
  it('registers one with a whsec_ secret; members read it, the owner alone changes it', async () => {
    const created = await endpointOfShopA({ description: ' 仓储系统 ' });
    expect(created).toMatchObject({
      shopId: shopA.shopId,
      url: receiverUrl,
      description: '仓储系统',
      eventTypes: ['order.paid'],
      state: 'enabled',
      disabledReason: null,
      lastDeliveryAt: null,
      stats24h: { succeeded: 0, failed: 0, pending: 0 },
    });
    expect(created.secret).toMatch(/^whsec_[A-Za-z0-9+/]{32}$/);

    const staff = api(ctx.app).as(staffA.token);
    const listed = await staff.get(base(shopA.shopId));
    expect(listed.status).toBe(200);
    expect(listed.body.items.map((e: { id: number }) => e.id)).toContain(created.id);
    expect(listed.body.items[0]).not.toHaveProperty('secret');
    expect((await staff.get(`${base(shopA.shopId)}/${created.id}`)).status).toBe(200);

    for (const [method, path, body] of [
      ['post', '', { url: receiverUrl, eventTypes: ['order.paid'] }],
      ['patch', `/${created.id}`, { description: 'x' }],
      ['delete', `/${created.id}`, undefined],
      ['get', `/${created.id}/secret`, undefined],
      ['post', `/${created.id}/rotate-secret`, {}],
      ['post', `/${created.id}/test`, {}],
    ] as const) {
      const url = `${base(shopA.shopId)}${path}`;
      const res =
        method === 'get' || method === 'delete' ? await staff[method](url) : await staff[method](url, body);
      expect(res.status, `${method} ${path}`).toBe(403);
      expect(res.body.error.details.key).toBe('shop_owner_only');
    }
  });

  it('answers 404 to another shop’s owner, and to shop A’s endpoint through shop B', async () => {
    const created = await endpointOfShopA();
    const other = api(ctx.app).as(shopB.owner.token);
    expect((await other.get(base(shopA.shopId))).status).toBe(404);
    expect((await other.get(`${base(shopA.shopId)}/${created.id}`)).status).toBe(404);
    expect((await other.get(`${base(shopB.shopId)}/${created.id}`)).status).toBe(404);
    expect((await other.patch(`${base(shopB.shopId)}/${created.id}`, { description: 'x' })).status).toBe(404);
    expect((await other.get(`${base(shopB.shopId)}/${created.id}/deliveries`)).status).toBe(404);
    // and ops see only the platform's endpoints
    const opsList = await api(ctx.app).as(ops.token).get('/api/v1/ops/webhooks');
    expect(opsList.body.items.map((e: { id: number }) => e.id)).not.toContain(created.id);
    expect((await api(ctx.app).as(ops.token).get(`/api/v1/ops/webhooks/${created.id}`)).status).toBe(404);
  });

  it('refuses a bad URL or event type with 400 naming the field, writing nothing', async () => {
    const owner = api(ctx.app).as(shopA.owner.token);
    const before = await tableCounts(ctx.db);
    const cases: [Record<string, unknown>, string, string][] = [
      [{ url: 'http://example.com/hook' }, 'url', 'must use https'],
      [{ url: 'https://user:pw@example.com/hook' }, 'url', 'must not contain a user name or password'],
      [{ url: 'ftp://example.com/hook' }, 'url', 'must be an http or https address'],
      [{ url: 'not a url' }, 'url', 'must be an http or https address'],
      [{ eventTypes: ['order.paid', 'order.exploded'] }, 'eventTypes', 'unknown event type order.exploded'],
      [{ eventTypes: [] }, 'eventTypes', 'must NOT have fewer than 1 items'],
    ];
    for (const [over, field, reason] of cases) {
      const res = await owner.post(base(shopA.shopId), {
        url: 'https://erp.example.com/hook',
        eventTypes: ['order.paid'],
        ...over,
      });
      expect(res.status, JSON.stringify(over)).toBe(400);
      expect(res.body.error.code).toBe('validation_failed');
      expect(JSON.stringify(res.body.error), JSON.stringify(over)).toContain(field);
      if (field === 'url' || reason.startsWith('unknown'))
        expect(res.body.error.details.fields).toEqual([{ field, reason }]);
    }
    const created = await endpointOfShopA();
    const patched = await owner.patch(`${base(shopA.shopId)}/${created.id}`, {
      eventTypes: ['nope.nope'],
      description: 'changed',
    });
    expect(patched.status).toBe(400);
    expect(patched.body.error.details.fields).toEqual([
      { field: 'eventTypes', reason: 'unknown event type nope.nope' },
    ]);
    expect(await tableCounts(ctx.db)).toEqual({
      ...before,
      webhook_endpoints: before.webhook_endpoints! + 1,
    });
  });

  it('changes, turns off and on through its machine, and deletes', async () => {
    const created = await endpointOfShopA();
    const owner = api(ctx.app).as(shopA.owner.token);
    const url = `${base(shopA.shopId)}/${created.id}`;
    const off = await owner.patch(url, {
      enabled: false,
      eventTypes: ['order.paid', 'order.shipped'],
      url: 'https://erp.example.com/v2',
    });
    expect(off.status, JSON.stringify(off.body)).toBe(200);
    expect(off.body).toMatchObject({
      state: 'disabled',
      disabledReason: 'by_user',
      url: 'https://erp.example.com/v2',
      eventTypes: ['order.paid', 'order.shipped'],
    });
    // turning off what is off changes nothing
    expect((await owner.patch(url, { enabled: false })).body.state).toBe('disabled');
    const test = await owner.post(`${url}/test`, {});
    expect(test.status).toBe(409);
    expect(test.body.error.details.key).toBe('webhook_endpoint_disabled');
    const on = await owner.patch(url, { enabled: true });
    expect(on.body).toMatchObject({ state: 'enabled', disabledReason: null });

    expect((await owner.delete(url)).status).toBe(200);
    expect((await owner.get(url)).status).toBe(404);
    const listed = await owner.get(base(shopA.shopId));
    expect(listed.body.items.map((e: { id: number }) => e.id)).not.toContain(created.id);
    const row = await ctx.db
      .selectFrom('webhookEndpoints')
      .select('deletedAt')
      .where('id', '=', created.id)
      .executeTakeFirstOrThrow();
    expect(row.deletedAt).not.toBeNull();
  });

  it('rotates the secret: the old one keeps signing for 24 hours', async () => {
    const created = await endpointOfShopA();
    const owner = api(ctx.app).as(shopA.owner.token);
    const url = `${base(shopA.shopId)}/${created.id}`;
    expect((await owner.get(`${url}/secret`)).body).toEqual({
      secret: created.secret,
      previousSecretExpiresAt: null,
    });
    const rotated = await owner.post(`${url}/rotate-secret`, {});
    expect(rotated.status).toBe(200);
    expect(rotated.body.secret).not.toBe(created.secret);
    expect(rotated.body.secret).toMatch(/^whsec_/);
    expect(new Date(rotated.body.previousSecretExpiresAt).getTime()).toBe(
      ctx.clock.now().getTime() + 24 * HOUR,
    );
    expect((await owner.get(`${url}/secret`)).body).toEqual(rotated.body);

    // the test event is signed with both secrets
    received.length = 0;
    const sent = await owner.post(`${url}/test`, {});
    expect(sent.status).toBe(202);
    await ctx.webhooks.runOnce();
    expect(received).toHaveLength(1);
    const { headers, body } = received[0]!;
    const plain = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, String(v)]));
    expect(new Webhook(rotated.body.secret).verify(body, plain)).toMatchObject({ type: 'webhook.test' });
    expect(new Webhook(created.secret).verify(body, plain)).toMatchObject({ type: 'webhook.test' });

    ctx.clock.advance(24 * HOUR + 1000);
    expect((await owner.get(`${url}/secret`)).body.previousSecretExpiresAt).toBeNull();
  });
});

describe('the test event and the delivery log', () => {
  it('sends webhook.test to that endpoint alone, whatever the filters', async () => {
    const target = await endpointOfShopA({ eventTypes: ['order.shipped'] });
    const bystander = await endpointOfShopA({ eventTypes: ['order.paid', 'webhook.test'] });
    const owner = api(ctx.app).as(shopA.owner.token);
    received.length = 0;
    const sent = await owner.post(`${base(shopA.shopId)}/${target.id}/test`, {});
    expect(sent.status, JSON.stringify(sent.body)).toBe(202);
    expect(sent.body).toMatchObject({
      endpointId: target.id,
      eventType: 'webhook.test',
      resource: `webhook:${target.id}`,
      state: 'pending',
      attempts: 0,
      replayOf: null,
    });
    expect(sent.body.eventId).toMatch(/^evt_/);
    await ctx.webhooks.runOnce();
    expect(received).toHaveLength(1);
    expect(JSON.parse(received[0]!.body)).toMatchObject({
      id: sent.body.eventId,
      type: 'webhook.test',
      version: 1,
      shopId: shopA.shopId,
      data: { endpointId: target.id },
    });
    expect(received[0]!.headers['webhook-id']).toBe(sent.body.eventId);
    const others = await owner.get(`${base(shopA.shopId)}/${bystander.id}/deliveries`);
    expect(others.body).toEqual({ items: [], nextBefore: null });

    const detail = await owner.get(`${base(shopA.shopId)}/${target.id}/deliveries/${sent.body.id}`);
    expect(detail.status).toBe(200);
    expect(detail.body).toMatchObject({
      id: sent.body.id,
      state: 'succeeded',
      nextAttemptAt: null,
      lastStatusCode: 204,
      payload: JSON.parse(received[0]!.body),
    });
    expect(detail.body.attempts).toHaveLength(1);
    expect(detail.body.attempts[0]).toMatchObject({ attempt: 1, statusCode: 204, error: null });

    const after = await owner.get(`${base(shopA.shopId)}/${target.id}`);
    expect(after.body.stats24h).toEqual({ succeeded: 1, failed: 0, pending: 0 });
    expect(after.body.lastDeliveryAt).not.toBeNull();
    // another shop's owner cannot read the delivery through their own shop
    const other = api(ctx.app).as(shopB.owner.token);
    expect((await other.get(`${base(shopB.shopId)}/${target.id}/deliveries/${sent.body.id}`)).status).toBe(
      404,
    );
  });

  it('logs a failed attempt with its answer, counts it as failed until the retry succeeds', async () => {
    const endpoint = await endpointOfShopA();
    const owner = api(ctx.app).as(shopA.owner.token);
    const url = `${base(shopA.shopId)}/${endpoint.id}`;
    answers.push(500);
    const sent = await owner.post(`${url}/test`, {});
    await ctx.webhooks.runOnce();
    const failed = await owner.get(`${url}/deliveries/${sent.body.id}`);
    expect(failed.body).toMatchObject({ state: 'retrying', attempts: [{ attempt: 1, statusCode: 500 }] });
    expect(failed.body.attempts[0].responseExcerpt).toBe('nope');
    expect(failed.body.nextAttemptAt).not.toBeNull();
    expect((await owner.get(url)).body.stats24h).toEqual({ succeeded: 0, failed: 1, pending: 0 });
    const log = await owner.get(`${url}/deliveries?state=retrying`);
    expect(log.body.items).toMatchObject([{ id: sent.body.id, attempts: 1, lastStatusCode: 500 }]);

    ctx.clock.advance(60_000);
    await ctx.webhooks.runOnce();
    const after = await owner.get(`${url}/deliveries/${sent.body.id}`);
    expect(after.body.state).toBe('succeeded');
    expect(after.body.attempts.map((a: { statusCode: number }) => a.statusCode)).toEqual([500, 204]);
    expect((await owner.get(url)).body.stats24h).toEqual({ succeeded: 1, failed: 0, pending: 0 });
  });

  it('replays a delivery as a new one of the same event', async () => {
    const endpoint = await endpointOfShopA();
    const owner = api(ctx.app).as(shopA.owner.token);
    const url = `${base(shopA.shopId)}/${endpoint.id}`;
    const sent = await owner.post(`${url}/test`, {});
    // still pending: nothing to replay yet
    const early = await owner.post(`${url}/deliveries/${sent.body.id}/replay`, {});
    expect(early.status).toBe(409);
    expect(early.body.error.details.key).toBe('webhook_delivery_open');
    await ctx.webhooks.runOnce();

    received.length = 0;
    const replay = await owner.post(`${url}/deliveries/${sent.body.id}/replay`, {});
    expect(replay.status, JSON.stringify(replay.body)).toBe(201);
    expect(replay.body).toMatchObject({
      endpointId: endpoint.id,
      eventId: sent.body.eventId,
      eventType: 'webhook.test',
      state: 'pending',
      attempts: 0,
      replayOf: sent.body.id,
    });
    expect(replay.body.id).not.toBe(sent.body.id);
    expect(new Date(replay.body.nextAttemptAt).getTime()).toBe(ctx.clock.now().getTime());
    await ctx.webhooks.runOnce();
    expect(received).toHaveLength(1);
    expect(received[0]!.headers['webhook-id']).toBe(sent.body.eventId);
    const log = await owner.get(`${url}/deliveries`);
    expect(log.body.items.map((d: { id: number }) => d.id)).toEqual([replay.body.id, sent.body.id]);
    expect(log.body.items[0].state).toBe('succeeded');
  });

  it('pages the log newest first with before, filtered by state and event type', async () => {
    const endpoint = await endpointOfShopA();
    const owner = api(ctx.app).as(shopA.owner.token);
    const url = `${base(shopA.shopId)}/${endpoint.id}`;
    const ids: number[] = [];
    for (let i = 0; i < 5; i++) ids.push((await owner.post(`${url}/test`, {})).body.id);
    // the first two succeed, the rest stay pending (a receiver that is not called yet)
    ids.reverse();
    const first = await owner.get(`${url}/deliveries?limit=2`);
    expect(first.body.items.map((d: { id: number }) => d.id)).toEqual(ids.slice(0, 2));
    expect(first.body.nextBefore).toBe(ids[1]);
    const second = await owner.get(`${url}/deliveries?limit=2&before=${first.body.nextBefore}`);
    expect(second.body.items.map((d: { id: number }) => d.id)).toEqual(ids.slice(2, 4));
    const third = await owner.get(`${url}/deliveries?limit=2&before=${second.body.nextBefore}`);
    expect(third.body).toMatchObject({ nextBefore: null });
    expect(third.body.items.map((d: { id: number }) => d.id)).toEqual(ids.slice(4));

    expect((await owner.get(`${url}/deliveries?state=pending`)).body.items).toHaveLength(5);
    expect((await owner.get(`${url}/deliveries?state=succeeded`)).body.items).toHaveLength(0);
    expect((await owner.get(`${url}/deliveries?eventType=webhook.test`)).body.items).toHaveLength(5);
    expect((await owner.get(`${url}/deliveries?eventType=order.paid`)).body.items).toHaveLength(0);
    const bad = await owner.get(`${url}/deliveries?state=lost`);
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body.error)).toContain('state');
    expect((await owner.get(`${url}/deliveries/999999999`)).status).toBe(404);
    await ctx.webhooks.runOnce();
  });
});

describe('platform endpoints (ops)', () => {
  it('are the platform’s: rule admins manage them; merchants and reviewers are refused', async () => {
    const admin = api(ctx.app).as(ops.token);
    const created = await admin.post('/api/v1/ops/webhooks', {
      url: receiverUrl,
      eventTypes: ['order.paid', 'webhook.test'],
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body).toMatchObject({ shopId: null, state: 'enabled' });
    const url = `/api/v1/ops/webhooks/${created.body.id}`;
    expect((await admin.get('/api/v1/ops/webhooks')).body.items.map((e: { id: number }) => e.id)).toContain(
      created.body.id,
    );
    expect((await admin.patch(url, { description: '数据中台' })).body.description).toBe('数据中台');
    expect((await admin.post(`${url}/rotate-secret`, {})).status).toBe(200);
    const sent = await admin.post(`${url}/test`, {});
    expect(sent.status).toBe(202);
    await ctx.webhooks.runOnce();
    const detail = await admin.get(`${url}/deliveries/${sent.body.id}`);
    expect(detail.body.payload).toMatchObject({ shopId: null, type: 'webhook.test' });

    const reviewer = await buildUser(ctx, 'ops', { opsRoles: ['reviewer'] });
    expect((await api(ctx.app).as(reviewer.token).get('/api/v1/ops/webhooks')).status).toBe(403);
    expect((await api(ctx.app).as(shopA.owner.token).get('/api/v1/ops/webhooks')).status).toBe(403);
    // a shop's owner cannot reach a platform endpoint through their shop
    expect(
      (
        await api(ctx.app)
          .as(shopA.owner.token)
          .get(`${base(shopA.shopId)}/${created.body.id}`)
      ).status,
    ).toBe(404);
    expect((await admin.delete(url)).status).toBe(200);
  });
});

describe('the event catalog', () => {
  it('lists every type with its version and scope, webhook.test among them', async () => {
    const buyer = await buildUser(ctx, 'buyer');
    const res = await api(ctx.app).as(buyer.token).get('/api/v1/webhooks/event-types');
    expect(res.status).toBe(200);
    expect(res.body.items).toContainEqual({
      type: 'webhook.test',
      version: 1,
      summary: expect.any(String),
      resource: 'webhook',
      shopScoped: true,
    });
    expect(res.body.items.map((t: { type: string }) => t.type)).toContain('order.paid');
  });
});

describe('limits', () => {
  it('holds a shop to 20 endpoints', async () => {
    const shop = await buildShop(ctx);
    const owner = api(ctx.app).as(shop.owner.token);
    const body = { url: 'https://erp.example.com/hook', eventTypes: ['order.paid'] };
    const all = await Promise.all(Array.from({ length: 22 }, () => owner.post(base(shop.shopId), body)));
    expect(all.filter((r) => r.status === 201)).toHaveLength(20);
    const refused = all.filter((r) => r.status === 409);
    expect(refused).toHaveLength(2);
    expect(refused[0]!.body.error.details).toMatchObject({
      key: 'webhook_endpoint_limit',
      params: { limit: 20 },
    });
  });
});
