// Issue 18: buyers' public reads (product page, live rooms, ranked search) come from a per-process
// read cache. A change is visible on the next read of every process: at once (within the NOTIFY's
// delivery) for price, title, state, a sold-out SKU, a session ending; within the TTL (5 s) for a
// stock count. Two apps on one database stand for two server processes.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.ts';
import { reindexSearchText } from '../src/modules/catalog/index.ts';
import { connect, type DbHandle } from '../src/platform/db.ts';
import type { App } from '../src/platform/http.ts';
import { PgPubSub, type PubSub } from '../src/platform/pubsub.ts';
import { buildBuyer, buildListedProduct, buildLiveSession, buildShop } from './builders.ts';
import { api, createTestContext, type TestContext } from './harness.ts';

let ctx: TestContext;
let other: { app: App; handle: DbHandle; pubsub: PubSub };
const apps = () => [ctx.app, other.app];

/** Polls `read` on both apps until `ok` holds on each; fails after `withinMs`. Returns the time taken. */
async function visibleWithin(
  withinMs: number,
  url: string,
  ok: (res: { status: number; body: any }) => boolean,
) {
  const started = Date.now();
  for (const app of apps()) {
    for (;;) {
      const res = await api(app).get(url);
      if (ok(res)) break;
      if (Date.now() - started > withinMs) throw new Error(`not visible within ${withinMs} ms: ${url}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  }
  return Date.now() - started;
}

beforeAll(async () => {
  ctx = await createTestContext();
  const handle = connect(ctx.dbUrl, { max: 4 });
  const pubsub = new PgPubSub(handle.pool);
  const app = await buildApp({ ...ctx, db: handle.db, pubsub });
  await app.ready();
  other = { app, handle, pubsub };
});

afterAll(async () => {
  await other.app.close();
  await other.pubsub.close();
  await other.handle.close();
});

describe('product page', () => {
  it('shows a new price, title, a sold-out SKU and a delisting on the next read of every process', async () => {
    const { shopId } = await buildShop(ctx);
    const { productId, skuIds } = await buildListedProduct(ctx, shopId, {
      title: '缓存测试商品',
      skus: [{ priceFen: 1_000, stock: 50 }],
    });
    const url = `/api/v1/products/${productId}`;
    // both processes have it cached
    for (const app of apps()) expect((await api(app).get(url)).body.skus[0].priceFen).toBe(1_000);

    await ctx.db.updateTable('skus').set({ priceFen: 1_200 }).where('id', '=', skuIds[0]!).execute();
    await visibleWithin(1_000, url, (r) => r.body.skus[0].priceFen === 1_200);

    await ctx.db
      .updateTable('products')
      .set({ title: '缓存测试商品 新' })
      .where('id', '=', productId)
      .execute();
    await visibleWithin(1_000, url, (r) => r.body.title === '缓存测试商品 新');

    await ctx.db.updateTable('skus').set({ stock: 0 }).where('id', '=', skuIds[0]!).execute();
    await visibleWithin(1_000, url, (r) => r.body.skus[0].stock === 0);

    await ctx.db.updateTable('products').set({ state: 'delisted' }).where('id', '=', productId).execute();
    await visibleWithin(1_000, url, (r) => r.status === 404);
  });

  it('shows a shop suspended by governance at once', async () => {
    const { shopId } = await buildShop(ctx);
    const { productId } = await buildListedProduct(ctx, shopId);
    const url = `/api/v1/products/${productId}`;
    for (const app of apps()) expect((await api(app).get(url)).status).toBe(200);
    await ctx.db.updateTable('shops').set({ state: 'suspended' }).where('id', '=', shopId).execute();
    await visibleWithin(1_000, url, (r) => r.status === 404);
  });

  it('shows a stock count within the 5 s bound', async () => {
    const { shopId } = await buildShop(ctx);
    const { productId, skuIds } = await buildListedProduct(ctx, shopId, {
      skus: [{ priceFen: 500, stock: 9 }],
    });
    const url = `/api/v1/products/${productId}`;
    for (const app of apps()) expect((await api(app).get(url)).body.skus[0].stock).toBe(9);
    // as checkout takes stock: no notification, the TTL bounds it
    await sql`update skus set stock = stock - 1 where id = ${skuIds[0]!}`.execute(ctx.db);
    await visibleWithin(5_500, url, (r) => r.body.skus[0].stock === 8);
  }, 15_000);
});

describe('live rooms', () => {
  it('a session ending leaves the room snapshot, the live list and the ranked rooms at once', async () => {
    const { shopId, owner } = await buildShop(ctx);
    const { productId } = await buildListedProduct(ctx, shopId);
    const { sessionId } = await buildLiveSession(ctx, { hostUserId: owner.id, shopId }, { state: 'live' });
    const room = `/api/v1/live/sessions/${sessionId}`;
    const onAir = (body: any) => body.items.some((s: any) => s.id === sessionId);
    for (const app of apps()) {
      expect((await api(app).get(room)).body.state).toBe('live');
      expect(onAir((await api(app).get('/api/v1/live/sessions?state=live')).body)).toBe(true);
      expect(onAir((await api(app).get('/api/v1/discovery/live')).body)).toBe(true);
    }

    // a pin made through the API of one process shows in the other's snapshot
    const pin = await api(other.app, owner.token).post(`${room}/pins`, { productId });
    expect(pin.status).toBe(201);
    await visibleWithin(1_000, room, (r) => r.body.pins.some((p: any) => p.productId === productId));

    const end = await api(other.app, owner.token).post(`${room}/end`, {});
    expect(end.status).toBe(200);
    await visibleWithin(1_000, room, (r) => r.body.state === 'ended');
    await visibleWithin(1_000, '/api/v1/live/sessions?state=live', (r) => !onAir(r.body));
    await visibleWithin(1_000, '/api/v1/discovery/live', (r) => !onAir(r.body));
  });
});

describe('ranked search', () => {
  it('answers every caller with its own request id, logged under its own buyer', async () => {
    const { shopId } = await buildShop(ctx);
    const { productId } = await buildListedProduct(ctx, shopId, { title: '缓存搜索 琵琶' });
    await reindexSearchText(ctx.db, [productId]);
    const [a, b] = [await buildBuyer(ctx), await buildBuyer(ctx)];
    const url = `/api/v1/discovery/products?q=${encodeURIComponent('琵琶')}`;
    const first = await api(ctx.app, a.token).get(url);
    const second = await api(ctx.app, b.token).get(url);
    expect(second.body.items.map((i: any) => i.id)).toEqual([productId]);
    expect(second.body.requestId).not.toBe(first.body.requestId);
    expect({ ...second.body, requestId: undefined }).toEqual({ ...first.body, requestId: undefined });
    await new Promise((r) => setTimeout(r, 200)); // the impression log writes off the request's path
    // one served list, two answers naming it, each under its own buyer
    const logged = await ctx.db
      .selectFrom('discoveryResponses')
      .select(['requestId', 'userId', 'listId'])
      .where('requestId', 'in', [first.body.requestId, second.body.requestId])
      .execute();
    const byRequest = (r: { requestId: string }) => (r.requestId === first.body.requestId ? 0 : 1);
    logged.sort((x, y) => byRequest(x) - byRequest(y));
    expect(logged.map(({ listId, ...r }) => r)).toEqual([
      { requestId: first.body.requestId, userId: a.id },
      { requestId: second.body.requestId, userId: b.id },
    ]);
    expect(logged[0]!.listId).toBe(logged[1]!.listId);
    const items = await ctx.db
      .selectFrom('discoveryServedItems')
      .select(['position', 'productId'])
      .where('listId', '=', logged[0]!.listId)
      .execute();
    expect(items).toEqual([{ position: 1, productId }]);
  });

  it('shows a new price and title of a product it lists on the next search of every process', async () => {
    const { shopId } = await buildShop(ctx);
    const { productId, skuIds } = await buildListedProduct(ctx, shopId, {
      title: '缓存搜索 古筝',
      skus: [{ priceFen: 3_000, stock: 5 }],
    });
    await reindexSearchText(ctx.db, [productId]);
    const url = `/api/v1/discovery/products?q=${encodeURIComponent('古筝')}`;
    for (const app of apps()) expect((await api(app).get(url)).body.items[0].minPriceFen).toBe(3_000);
    await ctx.db.updateTable('skus').set({ priceFen: 2_500 }).where('id', '=', skuIds[0]!).execute();
    await visibleWithin(1_000, url, (r) => r.body.items[0]?.minPriceFen === 2_500);
    await ctx.db.updateTable('products').set({ state: 'delisted' }).where('id', '=', productId).execute();
    await visibleWithin(1_000, url, (r) => r.body.items.length === 0);
  });
});
