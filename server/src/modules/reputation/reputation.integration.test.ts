import { beforeAll, describe, expect, it } from 'vitest';
import {
  buildBuyer,
  buildListedProduct,
  buildOps,
  buildShop,
  type TestUser,
} from '../../../test/builders.ts';
import { api, createTestContext, type TestContext } from '../../../test/harness.ts';
import { DAY } from '../../platform/clock.ts';
import { currentConfig } from '../configuration/index.ts';
import { setOpsBuyerLabel } from '../risk/index.ts';
import { insertCompletedOrders, insertQualityRefunds } from './reputation.test-support.ts';
import { scheduleScoreRecompute } from './reputation-deadlines.ts';
import { currentReputation } from './reputation-read.service.ts';

let ctx: TestContext;
let buyers: TestUser[];
let ops: TestUser;

beforeAll(async () => {
  ctx = await createTestContext();
  buyers = [await buildBuyer(ctx), await buildBuyer(ctx), await buildBuyer(ctx)];
  ops = await buildOps(ctx, ['rule_admin']);
});

const daysAgo = (n: number) => new Date(ctx.clock.now().getTime() - n * DAY);

/** A shop with `orders` completed orders 5 days ago, `qualityRefunds` of them refunded for quality by `refunder`. */
async function shopWith(orders: number, qualityRefunds = 0, refunder?: TestUser) {
  const shop = await buildShop(ctx);
  const { skuIds, productId } = await buildListedProduct(ctx, shop.shopId);
  const rows = await insertCompletedOrders(ctx.db, {
    shopIds: [shop.shopId],
    skuIds,
    productIds: [productId],
    buyerIds: (refunder ? [refunder] : buyers).map((b) => b.id),
    perShop: orders,
    completedAt: daysAgo(5),
  });
  const { version } = await currentConfig(ctx.db);
  await insertQualityRefunds(ctx.db, rows.slice(0, qualityRefunds), daysAgo(4), version);
  return shop;
}

const recompute = (shop: { shopId: number; owner: TestUser }) =>
  api(ctx.app, shop.owner.token).post(`/api/v1/shops/${shop.shopId}/reputation/recompute`);
const read = (shop: { shopId: number; owner: TestUser }) =>
  api(ctx.app, shop.owner.token).get(`/api/v1/shops/${shop.shopId}/reputation`);

describe('experience score', () => {
  it('quality refunds lower a shop’s score and its band, and the page says what pulled it down', async () => {
    const clean = await shopWith(40);
    const refunding = await shopWith(40, 4);
    expect((await recompute(clean)).status).toBe(200);
    expect((await recompute(refunding)).status).toBe(200);

    const good = (await read(clean)).body;
    expect(good).toMatchObject({ score: 5, band: 'excellent', completedOrders: 40, drags: [] });

    const bad = (await read(refunding)).body;
    // 品退率 10% → sub-score 1.25 and quality complaints 10% → 0; no reviews, so product is
    // (50 × 1.25 + 20 × 0) / 70 = 0.89; score 0.4 × 0.89 + 0.6 × 5 = 3.36
    expect(bad).toMatchObject({ score: 3.36, band: 'poor', completedOrders: 40 });
    expect(bad.metrics).toContainEqual({
      metric: 'quality_refund_rate',
      dimension: 'product',
      value: 1_000,
      subScore: 1.25,
    });
    expect(
      bad.drags.map((d: { metric: string; lostPoints: number; advice: string }) => [
        d.metric,
        d.lostPoints,
        d.advice,
      ]),
    ).toEqual([
      ['quality_refund_rate', 1.07, 'check_quality_before_shipping'],
      ['quality_complaint_rate', 0.57, 'match_listing_to_goods'],
    ]);
    expect(bad.inputs).toMatchObject({ qualityRefunds: 4, excludedHighRefund: 0 });

    const current = await currentReputation(ctx.db, [clean.shopId, refunding.shopId]);
    expect(current.get(refunding.shopId)).toMatchObject({
      score: 3.36,
      band: 'poor',
      qualityRefundRateBp: 1_000,
    });
  });

  it('below 30 completed orders there is no score, only "not enough orders" with the count', async () => {
    const small = await shopWith(29, 5);
    const { body } = await recompute(small);
    expect(body).toMatchObject({
      score: null,
      band: 'not_enough_orders',
      completedOrders: 29,
      minCompletedOrders: 30,
      drags: [],
    });
    const neverScored = await buildShop(ctx);
    expect((await read(neverScored)).body).toMatchObject({
      score: null,
      band: 'not_enough_orders',
      completedOrders: 0,
      computedAt: null,
    });
  });

  it('requests of a buyer labelled high-refund do not count, and the score shows them as excluded', async () => {
    const abuser = await buildBuyer(ctx);
    const shop = await shopWith(40, 6, abuser);
    await setOpsBuyerLabel(ctx.db, {
      buyerId: abuser.id,
      label: 'high_refund',
      inputs: { reason: 'test' },
      now: ctx.clock.now(),
    });
    const { body } = await recompute(shop);
    expect(body).toMatchObject({ score: 5, band: 'excellent', drags: [] });
    expect(body.inputs).toMatchObject({ qualityRefunds: 0, excludedHighRefund: 6, completedOrders: 40 });
  });

  it('the daily deadline recomputes every shop and writes one history row per day', async () => {
    const shop = await shopWith(35, 7);
    await ctx.db.transaction().execute((tx) => scheduleScoreRecompute(tx, ctx.clock.now()));
    await ctx.deadlines.runDue();
    ctx.clock.advance(DAY);
    await ctx.deadlines.runDue();
    const { body } = await api(ctx.app, shop.owner.token).get(
      `/api/v1/shops/${shop.shopId}/reputation/history?days=30`,
    );
    expect(body.items).toHaveLength(2);
    expect(body.items.map((d: { band: string }) => d.band)).toEqual(['poor', 'poor']);
    expect(body.items[0].day < body.items[1].day).toBe(true);
  });

  it('a merchant may recompute once per cooldown; another shop’s staff get 404; ops list shops by band', async () => {
    const shop = await shopWith(30);
    expect((await recompute(shop)).status).toBe(200);
    const again = await recompute(shop);
    expect(again.status).toBe(429);
    expect(again.body.error).toMatchObject({
      code: 'rate_limited',
      details: { key: 'reputation_recompute_cooldown' },
    });

    const stranger = await buildShop(ctx);
    const peek = await api(ctx.app, stranger.owner.token).get(`/api/v1/shops/${shop.shopId}/reputation`);
    expect(peek.status).toBe(404);

    const opsApi = api(ctx.app, ops.token);
    expect((await opsApi.post(`/api/v1/ops/reputation/shops/${shop.shopId}/recompute`)).status).toBe(200);
    const poor = await opsApi.get('/api/v1/ops/reputation/shops?band=poor&sort=score_asc');
    expect(poor.status).toBe(200);
    expect(poor.body.items.length).toBeGreaterThan(0);
    expect(poor.body.items.every((s: { band: string }) => s.band === 'poor')).toBe(true);
    const one = await opsApi.get(`/api/v1/ops/reputation/shops/${shop.shopId}`);
    expect(one.body).toMatchObject({ shopId: shop.shopId, score: 5 });
  });
});
