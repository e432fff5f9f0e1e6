import { randomBytes } from 'node:crypto';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.ts';
import { API_KEY_SCOPES } from '../src/platform/access.ts';
import { connect } from '../src/platform/db.ts';
import type { App } from '../src/platform/http.ts';
import { PgPubSub } from '../src/platform/pubsub.ts';
import {
  buildBuyer,
  buildListedProduct,
  buildOps,
  buildPaidOrder,
  buildShop,
  buildStaff,
  type TestUser,
} from './builders.ts';
import { api, createTestContext, type TestContext, tableCounts } from './harness.ts';

// Issue 19: a shop's API keys (docs/api-keys.md). A key with orders:read reads its shop's orders and
// is refused shipping (403 insufficient_scope), other shops (404) and routes that take no key (403).

const V = '/api/v1';
let ctx: TestContext;
let shopA: { shopId: number; categoryId: number; owner: TestUser };
let shopB: { shopId: number; categoryId: number; owner: TestUser };
let staffA: TestUser;
let orderA: number;
let orderB: number;

beforeAll(async () => {
  ctx = await createTestContext();
  shopA = await buildShop(ctx);
  shopB = await buildShop(ctx);
  staffA = await buildStaff(ctx, shopA.shopId);
  const buyer = await buildBuyer(ctx);
  orderA = (await buildPaidOrder(ctx, { buyer, shopId: shopA.shopId })).orderId;
  orderB = (await buildPaidOrder(ctx, { buyer, shopId: shopB.shopId })).orderId;
});

const as = (token: string) => api(ctx.app, token);
const keysUrl = (shopId: number, rest = '') => `${V}/shops/${shopId}/api-keys${rest}`;

interface Created {
  key: { id: number; prefix: string; scopes: string[]; state: string; lastUsedAt: string | null };
  token: string;
}

async function makeKey(scopes: string[], shop = shopA, name = `系统${randomBytes(3).toString('hex')}`) {
  const res = await as(shop.owner.token).post(keysUrl(shop.shopId), { name, scopes });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as Created;
}

const ship = (token: string, orderId = orderA, shopId = shopA.shopId) =>
  as(token).post(`${V}/shops/${shopId}/orders/${orderId}/shipment`, {
    carrier: 'sandbox',
    trackingNumber: `SB${randomBytes(5).toString('hex')}`,
  });

describe('an API key with orders:read', () => {
  let token: string;
  beforeAll(async () => {
    token = (await makeKey(['orders:read'])).token;
  });

  it("reads its shop's orders, an order, the order desk and the shipment view", async () => {
    const list = await as(token).get(`${V}/shops/${shopA.shopId}/orders`);
    expect(list.status, JSON.stringify(list.body)).toBe(200);
    expect(list.body.items.map((o: { id: number }) => o.id)).toContain(orderA);
    expect((await as(token).get(`${V}/shops/${shopA.shopId}/orders/${orderA}`)).status).toBe(200);
    expect((await as(token).get(`${V}/shops/${shopA.shopId}/order-desk`)).status).toBe(200);
    expect((await as(token).get(`${V}/shops/${shopA.shopId}/orders-to-ship`)).status).toBe(200);
  });

  it('is refused shipping (403 insufficient_scope naming orders:ship), and nothing is written', async () => {
    const before = await tableCounts(ctx.db);
    const res = await ship(token);
    expect(res.status).toBe(403);
    expect(res.body.error).toMatchObject({ code: 'insufficient_scope', details: { scope: 'orders:ship' } });
    const after = await tableCounts(ctx.db);
    expect({ ...after, rate_limits: 0 }).toEqual({ ...before, rate_limits: 0 });
  });

  it("is refused other shops' routes (404), even for a scope it holds", async () => {
    for (const url of [
      `${V}/shops/${shopB.shopId}/orders`,
      `${V}/shops/${shopB.shopId}/orders/${orderB}`,
      `${V}/shops/${shopB.shopId}/order-desk`,
      `${V}/shops/999999/orders`,
    ]) {
      const res = await as(token).get(url);
      expect(res.status, url).toBe(404);
      expect(res.body.error.code).toBe('not_found');
    }
  });

  it('is refused routes that take no key (403 api_key_not_allowed): account, shop, staff, keys, webhooks', async () => {
    for (const [method, url] of [
      ['GET', `${V}/me`],
      ['GET', `${V}/shops/${shopA.shopId}`],
      ['GET', `${V}/shops/${shopA.shopId}/staff`],
      ['GET', keysUrl(shopA.shopId)],
      ['POST', keysUrl(shopA.shopId)],
      ['GET', `${V}/shops/${shopA.shopId}/webhooks`],
      ['POST', `${V}/auth/logout`],
      ['GET', `${V}/products`],
    ] as const) {
      const res =
        method === 'GET'
          ? await as(token).get(url)
          : await as(token).post(url, { name: 'x', scopes: ['orders:read'] });
      // the webhooks routes may not be there yet (issue 19's other part): 404 unknown route then
      if (res.status === 404 && res.body.error.message.startsWith('No route')) continue;
      expect(res.status, `${method} ${url}`).toBe(403);
      expect(res.body.error.code, `${method} ${url}`).toBe('api_key_not_allowed');
    }
  });

  it('is refused by requireShopMember for any shop but its own (routes not under /shops/{id}, such as after-sales requests)', async () => {
    // requireShopMember refuses a key for any shop but its own: the creator's membership alone is not enough
    const owner = await buildShop(ctx);
    const both = await buildShop(ctx);
    await ctx.db
      .insertInto('shopMembers')
      .values({ shopId: both.shopId, userId: owner.owner.id, role: 'owner' })
      .execute();
    const key = await makeKey([...API_KEY_SCOPES], owner);
    const { requireShopMember } = await import('../src/modules/shops/index.ts');
    const principal = {
      userId: owner.owner.id,
      kind: 'merchant' as const,
      opsRoles: [],
      tokenHash: Buffer.alloc(32),
      expiresAt: new Date(8.64e15),
      apiKey: { keyId: key.key.id, shopId: owner.shopId, scopes: [...API_KEY_SCOPES] },
    };
    await expect(requireShopMember(ctx.db, principal, owner.shopId)).resolves.toBe('owner');
    await expect(requireShopMember(ctx.db, principal, both.shopId)).rejects.toMatchObject({
      code: 'not_found',
    });
  });
});

describe('keys with other scopes', () => {
  it('orders:ship ships; products:read reads products; inventory:write moves stock but not prices', async () => {
    const shipper = await makeKey(['orders:ship']);
    const shipped = await ship(shipper.token);
    expect(shipped.status, JSON.stringify(shipped.body)).toBe(201);

    const product = await buildListedProduct(ctx, shopA.shopId);
    const reader = await makeKey(['products:read']);
    expect((await as(reader.token).get(`${V}/shops/${shopA.shopId}/products`)).status).toBe(200);
    const stocker = await makeKey(['inventory:write']);
    const stockUrl = `${V}/shops/${shopA.shopId}/products/${product.productId}/skus/${product.skuIds[0]}/stock`;
    const stock = await as(stocker.token).post(stockUrl, { delta: 5 });
    expect(stock.status, JSON.stringify(stock.body)).toBe(200);
    const price = await as(stocker.token).patch(
      `${V}/shops/${shopA.shopId}/products/${product.productId}/skus/${product.skuIds[0]}`,
      { priceFen: 1 },
    );
    expect(price.status).toBe(403);
    expect(price.body.error.details.scope).toBe('products:write');
  });
});

describe('making keys', () => {
  it('answers the token once: xr_ and 43 characters; lists show its prefix, never the token or its hash', async () => {
    const created = await makeKey(['orders:read', 'reviews:read']);
    expect(created.token).toMatch(/^xr_[A-Za-z0-9_-]{43}$/);
    expect(created.key).toMatchObject({
      prefix: created.token.slice(0, 10),
      scopes: ['orders:read', 'reviews:read'],
      state: 'active',
      lastUsedAt: null,
      rateLimitPerMinute: 600,
    });
    const list = await as(shopA.owner.token).get(keysUrl(shopA.shopId));
    expect(list.status).toBe(200);
    const listed = list.body.items.find((k: { id: number }) => k.id === created.key.id);
    expect(listed).toEqual(created.key);
    expect(JSON.stringify(list.body)).not.toContain(created.token);
    const row = await ctx.db
      .selectFrom('apiKeys')
      .selectAll()
      .where('id', '=', created.key.id)
      .executeTakeFirstOrThrow();
    expect(row.tokenHash).toHaveLength(32);
    expect(JSON.stringify(row)).not.toContain(created.token.slice(3));
  });

  it.each<[string, unknown, string]>([
    ['no scope', { name: '仓库', scopes: [] }, 'scopes'],
    ['an unknown scope', { name: '仓库', scopes: ['orders:read', 'orders:delete'] }, 'scopes'],
    ['no name', { name: '', scopes: ['orders:read'] }, 'name'],
    ['a name of 61 characters', { name: 'x'.repeat(61), scopes: ['orders:read'] }, 'name'],
    ['a blank name', { name: '   ', scopes: ['orders:read'] }, 'name'],
  ])('refuses %s (400 naming the field) and writes nothing', async (_what, body, field) => {
    const before = await tableCounts(ctx.db);
    const res = await as(shopA.owner.token).post(keysUrl(shopA.shopId), body);
    expect(res.status, JSON.stringify(res.body)).toBe(400);
    expect(res.body.error.code).toBe('validation_failed');
    expect(res.body.error.details.fields.map((f: { field: string }) => f.field.split('.')[0])).toContain(
      field,
    );
    expect(await tableCounts(ctx.db)).toEqual(before);
  });

  it('is for the owner only: staff get 403, another shop 404', async () => {
    const staff = await as(staffA.token).post(keysUrl(shopA.shopId), { name: 'x', scopes: ['orders:read'] });
    expect(staff.status).toBe(403);
    expect((await as(staffA.token).get(keysUrl(shopA.shopId))).status).toBe(403);
    const other = await as(shopB.owner.token).post(keysUrl(shopA.shopId), {
      name: 'x',
      scopes: ['orders:read'],
    });
    expect(other.status).toBe(404);
    const created = await makeKey(['orders:read']);
    const revoke = await as(shopB.owner.token).post(keysUrl(shopB.shopId, `/${created.key.id}/revoke`));
    expect(revoke.status).toBe(404);
  });

  it('caps a shop at 20 active keys (409); a revoked key makes room', async () => {
    const shop = await buildShop(ctx);
    const made: Created[] = [];
    for (let i = 0; i < 20; i++) made.push(await makeKey(['orders:read'], shop));
    const over = await as(shop.owner.token).post(keysUrl(shop.shopId), {
      name: '多余',
      scopes: ['orders:read'],
    });
    expect(over.status).toBe(409);
    expect(over.body.error.details.key).toBe('api_key_limit_reached');
    await as(shop.owner.token).post(keysUrl(shop.shopId, `/${made[0]!.key.id}/revoke`));
    await makeKey(['orders:read'], shop);
  });
});

describe('revoking a key', () => {
  it('takes effect at once: the next request answers 401; revoking again answers it as it is', async () => {
    const { key, token } = await makeKey(['orders:read']);
    expect((await as(token).get(`${V}/shops/${shopA.shopId}/orders`)).status).toBe(200);
    const revoked = await as(shopA.owner.token).post(keysUrl(shopA.shopId, `/${key.id}/revoke`));
    expect(revoked.status).toBe(200);
    expect(revoked.body).toMatchObject({ id: key.id, state: 'revoked', revokedAt: expect.any(String) });
    const after = await as(token).get(`${V}/shops/${shopA.shopId}/orders`);
    expect(after.status).toBe(401);
    expect(after.body.error.code).toBe('unauthenticated');
    const again = await as(shopA.owner.token).post(keysUrl(shopA.shopId, `/${key.id}/revoke`));
    expect(again.status).toBe(200);
    expect(again.body.revokedAt).toBe(revoked.body.revokedAt);
  });

  describe('in another process', () => {
    let other: App;
    let closeOther: () => Promise<void>;
    beforeAll(async () => {
      const handle = connect(ctx.dbUrl, { max: 2 });
      const pubsub = new PgPubSub(handle.pool);
      other = await buildApp({ ...ctx, db: handle.db, pubsub, log: pino({ level: 'silent' }) });
      await other.ready();
      closeOther = async () => {
        await other.close();
        await pubsub.close();
        await handle.close();
      };
    });
    afterAll(() => closeOther());

    it('holds within seconds (the revocation is announced to every process)', async () => {
      const { key, token } = await makeKey(['orders:read']);
      const read = () => api(other, token).get(`${V}/shops/${shopA.shopId}/orders`);
      // wait until the other process listens (it caches only then), and let it remember the key
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect((await read()).status).toBe(200);
      expect((await read()).status).toBe(200);
      await as(shopA.owner.token).post(keysUrl(shopA.shopId, `/${key.id}/revoke`));
      const started = Date.now();
      let status = 200;
      while (status === 200 && Date.now() - started < 5_000) {
        status = (await read()).status;
        if (status === 200) await new Promise((resolve) => setTimeout(resolve, 50));
      }
      expect(status).toBe(401);
      expect(Date.now() - started).toBeLessThan(3_000);
    });
  });

  it("stops working when its owner's account is disabled", async () => {
    const shop = await buildShop(ctx);
    const { token } = await makeKey(['orders:read'], shop);
    expect((await as(token).get(`${V}/shops/${shop.shopId}/orders`)).status).toBe(200);
    const ops = await buildOps(ctx, ['super_admin']);
    const disabled = await as(ops.token).put(`${V}/ops/accounts/${shop.owner.id}/status`, {
      status: 'disabled',
    });
    expect(disabled.status, JSON.stringify(disabled.body)).toBe(200);
    await ctx.pubsub.sync();
    expect((await as(token).get(`${V}/shops/${shop.shopId}/orders`)).status).toBe(401);
  });
});

describe('per-key rate limit', () => {
  it('answers 429 rate_limited with retry-after past the limit; the next minute it passes again', async () => {
    const { key, token } = await makeKey(['orders:read']);
    await ctx.db.updateTable('apiKeys').set({ rateLimitPerMinute: 3 }).where('id', '=', key.id).execute();
    const read = () => as(token).get(`${V}/shops/${shopA.shopId}/orders`);
    for (let i = 0; i < 3; i++) expect((await read()).status).toBe(200);
    const limited = await read();
    expect(limited.status).toBe(429);
    expect(limited.body.error.code).toBe('rate_limited');
    expect(Number(limited.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(Number(limited.headers['retry-after'])).toBeLessThanOrEqual(60);
    // another key of the same shop has its own window
    const other = await makeKey(['orders:read']);
    expect((await as(other.token).get(`${V}/shops/${shopA.shopId}/orders`)).status).toBe(200);
    ctx.clock.advance(61_000);
    expect((await read()).status).toBe(200);
  });
});

describe('last use', () => {
  it('is written on first use, then at most once a minute', async () => {
    const { key, token } = await makeKey(['orders:read']);
    const lastUsed = async () =>
      (
        await ctx.db
          .selectFrom('apiKeys')
          .select('lastUsedAt')
          .where('id', '=', key.id)
          .executeTakeFirstOrThrow()
      ).lastUsedAt?.getTime() ?? null;
    const read = () => as(token).get(`${V}/shops/${shopA.shopId}/orders`);
    expect(await lastUsed()).toBeNull();
    await read();
    const first = await lastUsed();
    expect(first).toBe(ctx.clock.now().getTime());
    ctx.clock.advance(30_000);
    await read();
    expect(await lastUsed()).toBe(first);
    ctx.clock.advance(31_000);
    await read();
    expect(await lastUsed()).toBe(ctx.clock.now().getTime());
    const listed = (await as(shopA.owner.token).get(keysUrl(shopA.shopId))).body.items.find(
      (k: { id: number }) => k.id === key.id,
    );
    expect(new Date(listed.lastUsedAt).getTime()).toBe(ctx.clock.now().getTime());
  });
});
