import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  buildBuyer,
  buildCategory,
  buildListedProduct,
  buildLiveSession,
  buildOps,
  buildPaidOrder,
  buildShop,
  type TestUser,
} from '../../../test/builders.ts';
import { api, createTestContext, type TestContext } from '../../../test/harness.ts';
import { reindexSearchText } from '../catalog/index.ts';
import { refreshAllRanks } from './ranks.refresh.ts';

let ctx: TestContext;
let reviewer: TestUser;
const as = (token?: string) => api(ctx.app, token);

interface Item {
  id: number;
  shopId: number;
  title: string;
  minPriceFen: number;
  recentUnits: number;
  position: number;
  rank: { score: number; parts: { signal: string; value: unknown; factor: number }[] };
}

async function product(shopId: number, title: string, priceFen = 9_900, categoryId?: number) {
  const { productId, skuIds } = await buildListedProduct(ctx, shopId, {
    title,
    skus: [{ priceFen, stock: 1_000 }],
    ...(categoryId ? { categoryId } : {}),
  });
  await reindexSearchText(ctx.db, [productId]);
  return { productId, skuId: skuIds[0]! };
}

async function search(query: string): Promise<{ items: Item[]; total: number | null; requestId: string }> {
  const res = await as().get(`/api/v1/discovery/products?${query}`);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body;
}

const ids = (items: Item[]) => items.map((i) => i.id);
const product_ = (items: Item[]) => items.map((i) => i.rank.parts.reduce((acc, p) => acc * p.factor, 1));

let categoryId: number;
let appleA: { productId: number; skuId: number };
let appleB: { productId: number; skuId: number };
let appleC: { productId: number; skuId: number };
let shopA: number;
let shopB: number;

beforeAll(async () => {
  ctx = await createTestContext();
  reviewer = await buildOps(ctx, ['reviewer']);
  categoryId = (await buildCategory(ctx, { name: '生鲜水果' })).id;
  shopA = (await buildShop(ctx, { categoryId })).shopId;
  shopB = (await buildShop(ctx, { categoryId })).shopId;
  appleA = await product(shopA, '新疆阿克苏冰糖心苹果 5斤装', 5_990);
  appleB = await product(shopB, '烟台红富士苹果 脆甜 10斤', 7_990);
  appleC = await product(shopB, '洛川苹果 礼盒装 iPhone 同款包装', 12_900);
  await product(shopA, '赣南脐橙 新鲜现摘', 4_990);
  // shop B sells: 3 units of C, 1 of B in 30 days
  await buildPaidOrder(ctx, { skuId: appleC.skuId, quantity: 3 });
  await buildPaidOrder(ctx, { skuId: appleB.skuId, quantity: 1 });
  await refreshAllRanks(ctx.db, ctx.clock.now());
});

describe('ranked search', () => {
  it('finds products by Chinese words (jieba), English and digits, and each explains its position', async () => {
    const found = await search(`q=${encodeURIComponent('苹果')}`);
    expect(found.total).toBe(3);
    expect(ids(found.items).sort()).toEqual([appleA.productId, appleB.productId, appleC.productId].sort());
    // the explanation multiplies out to the score, and the scores descend
    for (const [i, p] of product_(found.items).entries())
      expect(p).toBeCloseTo(found.items[i]!.rank.score, 5);
    const scores = found.items.map((i) => i.rank.score);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
    expect(found.items[0]!.rank.parts.map((p) => p.signal)).toEqual(
      expect.arrayContaining(['relevance', 'sales', 'score', 'badge', 'traffic_limit']),
    );

    expect(ids((await search(`q=${encodeURIComponent('阿克苏')}`)).items)).toEqual([appleA.productId]);
    expect(ids((await search('q=iphone')).items)).toEqual([appleC.productId]);
    expect(ids((await search(`q=${encodeURIComponent('苹果 礼盒')}`)).items)).toEqual([appleC.productId]);
    expect((await search(`q=${encodeURIComponent('榴莲')}`)).total).toBe(0);
  });

  it('sorts by 30-day sales and by price, both ways', async () => {
    const q = `q=${encodeURIComponent('苹果')}`;
    const bySales = await search(`${q}&sort=sales`);
    expect(ids(bySales.items)).toEqual([appleC.productId, appleB.productId, appleA.productId]);
    expect(bySales.items.map((i) => i.recentUnits)).toEqual([3, 1, 0]);
    const cheap = await search(`${q}&sort=price_asc`);
    expect(cheap.items.map((i) => i.minPriceFen)).toEqual([5_990, 7_990, 12_900]);
    const dear = await search(`${q}&sort=price_desc`);
    expect(dear.items.map((i) => i.minPriceFen)).toEqual([12_900, 7_990, 5_990]);
  });

  it('filters by price range, category with descendants and guarantees; a bad range names the field', async () => {
    const q = `q=${encodeURIComponent('苹果')}`;
    expect(ids((await search(`${q}&minPriceFen=6000&maxPriceFen=10000`)).items)).toEqual([appleB.productId]);
    expect((await search(`${q}&categoryId=${categoryId}`)).total).toBe(3);
    const other = await buildCategory(ctx);
    expect((await search(`${q}&categoryId=${other.id}`)).total).toBe(0);
    expect((await search(`${q}&guarantees=no_reason_7d`)).total).toBe(3);
    expect((await search(`${q}&guarantees=fresh_rot_refund`)).total).toBe(0);
    const bad = await as().get(`/api/v1/discovery/products?minPriceFen=500&maxPriceFen=100`);
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.fields[0].field).toBe('maxPriceFen');
  });

  it('pages are stable: two pages of two are the first four', async () => {
    const shop = (await buildShop(ctx, { categoryId })).shopId;
    for (let i = 0; i < 5; i++) await product(shop, `测试分页商品 ${i}`, 1_000 + i);
    const q = `q=${encodeURIComponent('分页')}`;
    const all = ids((await search(`${q}&limit=4`)).items);
    const first = ids((await search(`${q}&limit=2&offset=0`)).items);
    const second = ids((await search(`${q}&limit=2&offset=2`)).items);
    expect([...first, ...second]).toEqual(all);
    expect(new Set(all).size).toBe(4);
  });
});

describe('trust in the rank', () => {
  it('a traffic_limit penalty demotes the shop’s products at once, with the reason in the explanation', async () => {
    const q = `q=${encodeURIComponent('苹果')}`;
    const before = await search(q);
    const top = before.items[0]!;
    const order = await buildPaidOrder(ctx, {
      skuId:
        top.id === appleA.productId
          ? appleA.skuId
          : top.id === appleB.productId
            ? appleB.skuId
            : appleC.skuId,
    });
    const res = await as(reviewer.token).post('/api/v1/ops/violations', {
      shopId: top.shopId,
      code: 'fake_shipment',
      subject: { type: 'order', id: order.orderId },
      evidence: { text: '虚假发货 证据' },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);

    const after = await search(q);
    const demoted = after.items.filter((i) => i.shopId === top.shopId);
    for (const item of demoted) {
      const limit = item.rank.parts.find((p) => p.signal === 'traffic_limit')!;
      expect(limit).toEqual({ signal: 'traffic_limit', value: true, factor: 0.2 });
    }
    expect(after.items[0]!.shopId).not.toBe(top.shopId);
    const was = before.items.find((i) => i.id === top.id)!.rank.score;
    expect(after.items.find((i) => i.id === top.id)!.rank.score).toBeCloseTo(was * 0.2, 5);
  });

  it('a shop whose quality refunds rose and score fell drops below its twins; a badge lifts a shop', async () => {
    const twin = async () => (await buildShop(ctx, { categoryId })).shopId;
    const [good, bad, badged] = [await twin(), await twin(), await twin()];
    for (const shop of [good, bad, badged]) await product(shop, '双胞胎测试 茶叶');
    const q = `q=${encodeURIComponent('双胞胎')}`;
    await refreshAllRanks(ctx.db, ctx.clock.now());
    const same = (await search(q)).items.map((i) => i.rank.score);
    expect(new Set(same).size).toBe(1);

    // the experience score's stored inputs (reputation's recompute writes them; set as it would)
    const stored = (shopId: number, score: number | null, qualityRefundBp: number) =>
      sql`
      insert into shop_reputation (shop_id, day, score, band, completed_orders, quality_refund_rate_bp, inputs,
        metrics, dims, drags, config_version, computed_at)
      values (${shopId}, current_date, ${score}, ${score === null ? 'not_enough_orders' : score >= 4.5 ? 'good' : 'poor'},
        40, ${qualityRefundBp}, '{}', '{}', '{}', '[]', 1, now())`.execute(ctx.db);
    await stored(good, 4.6, 0);
    await stored(bad, 3.6, 400);
    await sql`insert into trust_badges (shop_id, state, config_version, changed_at)
      values (${badged}, 'granted', 1, now())`.execute(ctx.db);
    await refreshAllRanks(ctx.db, ctx.clock.now());

    const after = (await search(q)).items;
    const position = (shopId: number) => after.findIndex((i) => i.shopId === shopId);
    expect(position(bad)).toBe(2);
    expect(position(good)).toBeLessThan(position(bad));
    const badParts = after[position(bad)]!.rank.parts;
    expect(badParts.find((p) => p.signal === 'quality_refund')).toMatchObject({ value: 400, factor: 0.6 });
    expect(badParts.find((p) => p.signal === 'score')).toMatchObject({ value: 3.6 });
    // good: score 4.6 → × 1.36; badged: × 1.3; bad: 3.6 → × 0.76 and 4% quality refunds → × 0.6
    expect(after.map((i) => i.shopId)).toEqual([good, badged, bad]);
    expect(after[1]!.rank.parts.find((p) => p.signal === 'badge')).toMatchObject({
      value: true,
      factor: 1.3,
    });
    expect(after[2]!.rank.score).toBeCloseTo(same[0]! * 0.76 * 0.6, 5);
  });

  it('the home feed shows at most two products of one shop in a page', async () => {
    const big = (await buildShop(ctx, { categoryId })).shopId;
    for (let i = 0; i < 6; i++) await product(big, `热卖爆款 ${i}`);
    await refreshAllRanks(ctx.db, ctx.clock.now());
    const feed = await search('limit=20');
    expect(feed.total).toBeNull();
    // four shops: the first eight are two of each, the big shop's others follow
    const perShop = new Map<number, number>();
    for (const item of feed.items.slice(0, 8)) perShop.set(item.shopId, (perShop.get(item.shopId) ?? 0) + 1);
    expect(Math.max(...perShop.values())).toBeLessThanOrEqual(2);
    const next = await search('limit=20&offset=20');
    const seen = new Set([...ids(feed.items), ...ids(next.items)]);
    expect(seen.size).toBe(feed.items.length + next.items.length);
  });
});

describe('live discovery', () => {
  it('ranks the rooms on air by engagement × the shop’s trust, each explaining its position', async () => {
    const quiet = await buildShop(ctx, { categoryId });
    const loved = await buildShop(ctx, { categoryId });
    const a = await buildLiveSession(
      ctx,
      { hostUserId: quiet.owner.id, shopId: quiet.shopId },
      { state: 'live' },
    );
    const b = await buildLiveSession(
      ctx,
      { hostUserId: loved.owner.id, shopId: loved.shopId },
      { state: 'live' },
    );
    await sql`update live_sessions set likes = 999 where id = ${b.sessionId}`.execute(ctx.db);
    await refreshAllRanks(ctx.db, ctx.clock.now(), { shopIds: [quiet.shopId, loved.shopId] });
    const res = await as().get('/api/v1/discovery/live');
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const ids = res.body.items.map((i: { id: number }) => i.id);
    expect(ids.indexOf(b.sessionId)).toBeLessThan(ids.indexOf(a.sessionId));
    const top = res.body.items[ids.indexOf(b.sessionId)];
    expect(top.rank.parts.find((p: { signal: string }) => p.signal === 'likes')).toMatchObject({
      value: 999,
    });
    expect(top.rank.parts.reduce((acc: number, p: { factor: number }) => acc * p.factor, 1)).toBeCloseTo(
      top.rank.score,
      5,
    );
  });
});

describe('impressions, clicks and the report', () => {
  it('logs every ranked item, counts a click once and a conversion by the same buyer', async () => {
    const from = new Date(ctx.clock.now().getTime() - 60_000).toISOString();
    const buyer = await buildBuyer(ctx);
    const res = await as(buyer.token).get(`/api/v1/discovery/products?q=${encodeURIComponent('苹果')}`);
    const { requestId, items } = res.body as { requestId: string; items: Item[] };
    // impressions are written off the request's path: wait for them
    for (let i = 0; i < 100; i++) {
      const n = await sql<{
        n: number;
      }>`select count(*)::int as n from discovery_responses r join discovery_served_items i using (list_id)
        where r.request_id = ${requestId}`.execute(ctx.db);
      if (n.rows[0]!.n === items.length) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    for (let i = 0; i < 2; i++) {
      const click = await as(buyer.token).post('/api/v1/discovery/clicks', { requestId, position: 1 });
      expect(click.status).toBe(200);
    }
    const clicked = items[0]!;
    const sku = [appleA, appleB, appleC].find((a) => a.productId === clicked.id)!.skuId;
    await buildPaidOrder(ctx, { buyer, skuId: sku });

    const ops = await buildOps(ctx, ['rule_admin']);
    const to = new Date(ctx.clock.now().getTime() + 60_000).toISOString();
    const report = await as(ops.token).get(`/api/v1/ops/discovery/report?from=${from}&to=${to}`);
    expect(report.status, JSON.stringify(report.body)).toBe(200);
    const first = report.body.rows.find(
      (r: { dimension: string; bucket: string }) => r.dimension === 'position' && r.bucket === '1',
    );
    expect(first).toMatchObject({ clicks: 1, conversions: 1, conversionBp: 10_000 });
    expect(first.impressions).toBeGreaterThanOrEqual(1);
    expect(report.body.rows.some((r: { dimension: string }) => r.dimension === 'traffic_limited')).toBe(true);
    expect((await as(buyer.token).get(`/api/v1/ops/discovery/report?from=${from}&to=${to}`)).status).toBe(
      403,
    );
  });
});
