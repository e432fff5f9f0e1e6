import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildBuyer,
  buildListedProduct,
  buildLiveSession,
  buildShop,
  type TestUser,
} from '../../server/test/builders.ts';
// (its `inject()` keys are declared by the server's global setup)
import type {} from '../../server/test/global-setup.ts';
import { createTestContext, type TestContext } from '../../server/test/harness.ts';
import { connect, ordersToShip, shipOrder, webhookHandler } from '../examples/shop-integration.ts';
import {
  createXinrenClient,
  idempotencyKey,
  signWebhook,
  type WebhookEvent,
  XinrenApiError,
  type XinrenClient,
} from '../src/index.ts';

// The SDK against the real server: the server's app (embedded PostgreSQL, migrated template database)
// listening on a free port, called over HTTP with fetch.
let ctx: TestContext;
let baseUrl: string;
let shop: { shopId: number; owner: TestUser };
let skuId: number;
let buyer: TestUser;
let merchant: XinrenClient;
let buyerClient: XinrenClient;

beforeAll(async () => {
  ctx = await createTestContext();
  baseUrl = await ctx.app.listen({ port: 0, host: '127.0.0.1' });
  shop = await buildShop(ctx);
  skuId = (await buildListedProduct(ctx, shop.shopId, { skus: [{ priceFen: 1_990, stock: 500 }] }))
    .skuIds[0]!;
  buyer = await buildBuyer(ctx);
  merchant = createXinrenClient({ baseUrl, token: shop.owner.token });
  buyerClient = merchant.withToken(buyer.token);
});

/** The error a call was refused with (fails the test when it succeeded). */
async function refusal(call: Promise<unknown>): Promise<XinrenApiError> {
  const outcome = await call.then(
    (data) => ({ data }),
    (error: unknown) => ({ error }),
  );
  if (!('error' in outcome)) throw new Error(`expected a refusal, got ${JSON.stringify(outcome.data)}`);
  expect(outcome.error).toBeInstanceOf(XinrenApiError);
  return outcome.error as XinrenApiError;
}

const cart = (quantity = 1) => ({ items: [{ skuId, quantity }], pay: { method: 'sandbox' as const } });

describe('the client against the real server', () => {
  it('signs in with a password and reads the account (typed answers)', async () => {
    const anonymous = createXinrenClient({ baseUrl });
    const session = await anonymous.POST('/api/v1/auth/login', {
      body: { login: shop.owner.login, password: 'password-123' },
    });
    expect(session.account.kind).toBe('merchant');
    const me = await anonymous.withToken(session.token).GET('/api/v1/me');
    expect(me.id).toBe(shop.owner.id);
  });

  it('places an order with an idempotency key: the replay answers the same order, once', async () => {
    const key = idempotencyKey();
    const first = await buyerClient.raw.POST('/api/v1/checkout', {
      params: { header: { 'idempotency-key': key } },
      body: cart(2),
    });
    expect(first.response.status).toBe(201);
    expect(first.data!.orders[0]!.state).toBe('paid');
    const replay = await buyerClient.raw.POST('/api/v1/checkout', {
      params: { header: { 'idempotency-key': key } },
      body: cart(2),
    });
    expect(replay.response.status).toBe(201);
    expect(replay.response.headers.get('idempotent-replayed')).toBe('true');
    expect(replay.data).toEqual(first.data);
    const orders = await buyerClient.GET('/api/v1/orders', { params: { query: { limit: 100 } } });
    expect(orders.items.filter((o) => o.id === first.data!.orders[0]!.id)).toHaveLength(1);
  });

  it('sends a fresh Idempotency-Key itself when the caller gives none', async () => {
    const seen: string[] = [];
    const watching = createXinrenClient({
      baseUrl,
      token: buyer.token,
      fetch: (request) => {
        seen.push(request.headers.get('idempotency-key') ?? '');
        return fetch(request);
      },
    });
    const a = await watching.POST('/api/v1/checkout', { body: cart() });
    const b = await watching.POST('/api/v1/checkout', { body: cart() });
    expect(a.groupId).not.toBe(b.groupId);
    expect(seen).toHaveLength(2);
    expect(seen[0]).toMatch(/^[0-9a-f-]{36}$/);
    expect(seen[0]).not.toBe(seen[1]);
    // not on operations that take no key
    await watching.GET('/api/v1/me');
    expect(seen[2]).toBe('');
  });

  it("lists the shop's orders, pages through them all, and ships one", async () => {
    const placed: number[] = [];
    for (let i = 0; i < 5; i++)
      placed.push((await buyerClient.POST('/api/v1/checkout', { body: cart() })).orders[0]!.id);
    const first = await merchant.GET('/api/v1/shops/{id}/orders', {
      params: { path: { id: shop.shopId }, query: { limit: 2 } },
    });
    expect(first.items).toHaveLength(2);
    expect(first.total).toBeGreaterThanOrEqual(7);

    const all: number[] = [];
    for await (const order of merchant.paginate('/api/v1/shops/{id}/orders', {
      params: { path: { id: shop.shopId }, query: { limit: 2 } },
    })) {
      all.push(order.id);
    }
    expect(all).toHaveLength(first.total);
    expect(new Set(all).size).toBe(all.length);
    expect(all).toEqual(expect.arrayContaining(placed));

    const capped: number[] = [];
    for await (const order of merchant.paginate(
      '/api/v1/shops/{id}/orders',
      { params: { path: { id: shop.shopId }, query: { limit: 2 } } },
      { max: 3 },
    )) {
      capped.push(order.id);
    }
    expect(capped).toEqual(all.slice(0, 3));

    const shipped = await merchant.POST('/api/v1/shops/{id}/orders/{orderId}/shipment', {
      params: { path: { id: shop.shopId, orderId: placed[0]! } },
      body: { carrier: 'sandbox', trackingNumber: `SB${Date.now()}` },
    });
    expect(shipped.orderState).toBe('shipped');
  });

  it('refusals are XinrenApiError with the status, code, message and refused fields', async () => {
    const error = await refusal(
      merchant.POST('/api/v1/shops/{id}/orders/{orderId}/shipment', {
        params: { path: { id: shop.shopId, orderId: 1 } },
        body: { carrier: 'sandbox', trackingNumber: 'no' },
      }),
    );
    expect(error.status).toBe(400);
    expect(error.code).toBe('validation_failed');
    expect(error.fields.map((f) => f.field)).toContain('trackingNumber');
    expect(error.requestId).toBeTruthy();

    const other = await buildShop(ctx);
    const forbidden = await refusal(
      merchant.GET('/api/v1/shops/{id}/orders', { params: { path: { id: other.shopId } } }),
    );
    expect([403, 404]).toContain(forbidden.status);

    const unauthenticated = await refusal(createXinrenClient({ baseUrl, token: 'nope' }).GET('/api/v1/me'));
    expect(unauthenticated).toMatchObject({ status: 401, code: 'unauthenticated' });

    const down = await refusal(createXinrenClient({ baseUrl: 'http://127.0.0.1:1' }).GET('/api/v1/me'));
    expect(down).toMatchObject({ status: 0, code: 'network' });
  });

  it('subscribes to a live room: the snapshot, then a comment posted through the API', async () => {
    const { sessionId } = await buildLiveSession(
      ctx,
      { hostUserId: shop.owner.id, shopId: shop.shopId },
      { state: 'live' },
    );
    const events = merchant.subscribe('/api/v1/live/sessions/{id}/events', {
      params: { path: { id: sessionId }, query: { viewer: 'sdk-test-viewer' } },
    });
    const seen: string[] = [];
    let posted: number | undefined;
    for await (const message of events) {
      seen.push(message.event);
      if (message.event === 'snapshot') {
        expect(message.data.session.id).toBe(sessionId);
        posted = (
          await buyerClient.POST('/api/v1/live/sessions/{id}/comments', {
            params: { path: { id: sessionId } },
            body: { text: '有现货吗？' },
          })
        ).id;
      }
      if (message.event === 'comment') {
        expect(message.data).toMatchObject({ id: posted, text: '有现货吗？' });
        break;
      }
    }
    expect(seen[0]).toBe('snapshot');
    expect(seen).toContain('comment');
  });

  it('pages through a cursor list (live comments: `after` and `next`)', async () => {
    // a shop has one live room at a time: another shop's
    const host = await buildShop(ctx);
    const { sessionId } = await buildLiveSession(
      ctx,
      { hostUserId: host.owner.id, shopId: host.shopId },
      { state: 'live' },
    );
    const posted: number[] = [];
    for (const text of ['第一条', '第二条', '第三条']) {
      posted.push(
        (
          await buyerClient.POST('/api/v1/live/sessions/{id}/comments', {
            params: { path: { id: sessionId } },
            body: { text },
          })
        ).id,
      );
    }
    // (without `after` the list is the latest page: `after: 0` starts from the first comment)
    const seen: number[] = [];
    for await (const comment of merchant.paginate('/api/v1/live/sessions/{id}/comments', {
      params: { path: { id: sessionId }, query: { limit: 2, after: 0 } },
    })) {
      seen.push(comment.id);
    }
    expect(seen).toEqual(posted);
  });

  it('a stream of an unknown room is refused with XinrenApiError, not retried', async () => {
    const events = merchant.subscribe('/api/v1/live/sessions/{id}/events', {
      params: { path: { id: 999_999 } },
    });
    const iterate = async () => {
      for await (const _ of events) return;
    };
    await expect(iterate()).rejects.toMatchObject({ status: 404, code: 'not_found' });
  });
});

describe("the README's example (sdk/examples/shop-integration.ts) with an API key and a real webhook delivery", () => {
  const received: WebhookEvent[] = [];
  // the receiver listens before its endpoint exists; the endpoint's secret arrives when it is added
  let handler: http.RequestListener = (_req, res) => void res.writeHead(503).end();
  const server = http.createServer((req, res) => handler(req, res));
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('gets a signed order.paid, lists the paid orders with the key, ships one; the key stays in its scopes and shop', async () => {
    const { token } = await merchant.POST('/api/v1/shops/{id}/api-keys', {
      params: { path: { id: shop.shopId } },
      body: { name: 'acme-erp', scopes: ['orders:read', 'orders:ship'] },
    });
    expect(token).toMatch(/^xr_/);

    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhooks`;
    const endpoint = await merchant.POST('/api/v1/shops/{id}/webhooks', {
      params: { path: { id: shop.shopId } },
      body: { url, eventTypes: ['order.paid'], description: 'acme-erp' },
    });
    handler = webhookHandler(endpoint.secret, (event) => void received.push(event));

    const placed = await buyerClient.POST('/api/v1/checkout', { body: cart() });
    const orderId = placed.orders[0]!.id;
    for (
      let i = 0;
      i < 20 && !received.some((e) => e.type === 'order.paid' && e.data.orderId === orderId);
      i++
    ) {
      await ctx.webhooks.runOnce();
    }
    const paid = received.find((e) => e.type === 'order.paid' && e.data.orderId === orderId);
    expect(paid).toMatchObject({ type: 'order.paid', shopId: shop.shopId, data: { orderId } });

    // the delivery log pages with `before` cursors (`nextBefore`)
    const deliveries: string[] = [];
    for await (const delivery of merchant.paginate('/api/v1/shops/{id}/webhooks/{endpointId}/deliveries', {
      params: { path: { id: shop.shopId, endpointId: endpoint.id }, query: { limit: 1 } },
    })) {
      deliveries.push(delivery.eventId);
    }
    expect(deliveries).toContain(paid!.id);
    expect(new Set(deliveries).size).toBe(deliveries.length);

    // a forged delivery is refused by the example's receiver
    const body = JSON.stringify({ ...paid, data: { ...paid!.data, totalFen: 1 } });
    const forged = await fetch(url, {
      method: 'POST',
      headers: {
        ...signWebhook(`whsec_${Buffer.from('not-the-shops-secret-000').toString('base64')}`, {
          id: 'evt_x',
          body,
        }),
        'content-type': 'application/json',
      },
      body,
    });
    expect(forged.status).toBe(400);

    const xr = connect(baseUrl, token);
    const toShip = await ordersToShip(xr, shop.shopId);
    expect(toShip.map((o) => o.id)).toContain(orderId);
    const waybill = `SB${Date.now()}`;
    expect(await shipOrder(xr, shop.shopId, orderId, waybill)).toBe('shipped');
    expect(await shipOrder(xr, shop.shopId, orderId, waybill)).toBe('shipped'); // a retry is harmless

    // the key reads only its shop, only in its scopes
    const other = await buildShop(ctx);
    expect(
      (await refusal(xr.GET('/api/v1/shops/{id}/orders', { params: { path: { id: other.shopId } } }))).status,
    ).toBe(404);
    expect(
      await refusal(xr.GET('/api/v1/shops/{id}/balances', { params: { path: { id: shop.shopId } } })),
    ).toMatchObject({ status: 403, code: 'insufficient_scope' });
    expect(await refusal(xr.GET('/api/v1/me/shops'))).toMatchObject({
      status: 403,
      code: 'api_key_not_allowed',
    });
  });
});
