import { beforeAll, describe, expect, it } from 'vitest';
import {
  buildBuyer,
  buildListedProduct,
  buildOps,
  buildPaidOrder,
  buildShop,
  type TestUser,
} from '../../../../test/builders.ts';
import { api, createTestContext, type TestContext } from '../../../../test/harness.ts';
import { DAY } from '../../../platform/clock.ts';
import { currentPolicy } from '../../configuration/index.ts';
import type { RequestState, RequestType } from '../aftersales.tables.ts';
import {
  detectFreightAbuse,
  isHighRefundBuyer,
  REFRESH_PROTECTION,
  refreshBuyerLabels,
  scheduleProtectionRefresh,
} from './index.ts';

let ctx: TestContext;
let arbiter: TestUser;
let reviewer: TestUser;

beforeAll(async () => {
  ctx = await createTestContext();
  await currentPolicy(ctx.db); // version 1, which request rows refer to
  arbiter = await buildOps(ctx, ['arbiter']);
  reviewer = await buildOps(ctx, ['reviewer']);
});

const at = (daysFromNow: number) => new Date(ctx.clock.now().getTime() + daysFromNow * DAY);

/** `count` paid orders of one unit of `skuId` for `buyer` (a new buyer each when none). */
async function paidOrders(skuId: number, count: number, buyer?: TestUser): Promise<number[]> {
  const ids: number[] = [];
  for (let i = 0; i < count; i += 1) ids.push((await buildPaidOrder(ctx, { skuId, buyer })).orderId);
  return ids;
}

/** A request row as the request service leaves a finished one (this module owns no request service). */
async function request(
  orderId: number,
  input: { type?: RequestType; reason: string; at: Date; state?: RequestState; attempt?: number },
): Promise<void> {
  const order = await ctx.db
    .selectFrom('orders as o')
    .innerJoin('orderLines as l', 'l.orderId', 'o.id')
    .select(['o.buyerId', 'o.shopId', 'l.id as lineId', 'l.lineFen'])
    .where('o.id', '=', orderId)
    .executeTakeFirstOrThrow();
  await ctx.db
    .insertInto('aftersalesRequests')
    .values({
      orderId,
      orderLineId: order.lineId,
      buyerId: order.buyerId,
      shopId: order.shopId,
      type: input.type ?? 'return_refund',
      reason: input.reason,
      description: null,
      guaranteeCode: null,
      quantity: 1,
      requestedFen: order.lineFen,
      approvedFen: order.lineFen,
      state: input.state ?? 'refunded',
      deadlineAt: null,
      deadlineAction: null,
      attempt: input.attempt ?? 1,
      autoRule: null,
      configVersion: 1,
      createdAt: input.at,
      updatedAt: input.at,
      closedAt: input.at,
    })
    .execute();
}

async function label(buyerId: number) {
  return ctx.db.selectFrom('buyerLabels').selectAll().where('buyerId', '=', buyerId).executeTakeFirst();
}

describe('high-refund buyers (薅羊毛)', () => {
  // One category: 49 orders, 11 requests (22.4%); 3 × that is 67.3%.
  let heavy: TestUser; // 5 requests on 6 orders: 83% → labelled
  let normal: TestUser; // 5 requests on 20 orders: 25% → not labelled (and a stale system label cleared)
  let persistent: TestUser; // one line asked 5 times on 3 orders: 1 request → not labelled
  let quiet: TestUser; // no requests, labelled by ops: stays labelled

  beforeAll(async () => {
    const shop = await buildShop(ctx);
    const { skuIds } = await buildListedProduct(ctx, shop.shopId, {
      skus: [{ priceFen: 5_000, stock: 1_000 }],
    });
    const sku = skuIds[0]!;
    [heavy, normal, persistent, quiet] = [
      await buildBuyer(ctx),
      await buildBuyer(ctx),
      await buildBuyer(ctx),
      await buildBuyer(ctx),
    ];
    const heavyOrders = await paidOrders(sku, 6, heavy);
    const normalOrders = await paidOrders(sku, 20, normal);
    const persistentOrders = await paidOrders(sku, 3, persistent);
    await paidOrders(sku, 10, quiet);
    await paidOrders(sku, 10, await buildBuyer(ctx));

    for (const id of heavyOrders.slice(0, 5)) await request(id, { reason: 'dont_like', at: at(-2) });
    for (const id of normalOrders.slice(0, 5)) await request(id, { reason: 'damaged', at: at(-2) });
    for (let attempt = 1; attempt <= 5; attempt += 1)
      await request(persistentOrders[0]!, {
        type: 'refund_only',
        reason: 'not_received',
        at: at(-6 + attempt),
        state: 'closed',
        attempt,
      });

    // A label the system set earlier that the figures no longer support.
    await ctx.db
      .insertInto('buyerLabels')
      .values({
        buyerId: normal.id,
        label: 'high_refund',
        inputs: { rule: 'high_refund_buyer' },
        configVersion: 1,
        setBy: 'system',
        setAt: at(-30),
      })
      .execute();
    const put = await api(ctx.app, arbiter.token).put(`/api/v1/ops/buyers/${quiet.id}/labels/high_refund`, {
      reason: '多次恶意仅退款投诉',
    });
    expect(put.status, JSON.stringify(put.body)).toBe(200);
  });

  it('labels the buyer above 3 × the category average with 5 requests, clears a stale system label, keeps ops labels', async () => {
    const result = await ctx.db.transaction().execute((tx) => refreshBuyerLabels(tx, ctx.clock.now()));
    expect(result).toEqual({ labelled: 1, cleared: 1 });

    expect(await isHighRefundBuyer(ctx.db, heavy.id)).toBe(true);
    expect(await isHighRefundBuyer(ctx.db, normal.id)).toBe(false);
    expect(await isHighRefundBuyer(ctx.db, persistent.id)).toBe(false);
    expect(await isHighRefundBuyer(ctx.db, quiet.id)).toBe(true);
    expect(await label(quiet.id)).toMatchObject({
      setBy: 'ops',
      inputs: { reason: '多次恶意仅退款投诉', setByUserId: arbiter.id },
    });

    const heavyLabel = await label(heavy.id);
    expect(heavyLabel).toMatchObject({
      setBy: 'system',
      configVersion: 1,
      inputs: {
        rule: 'high_refund_buyer',
        buyerOrders: 6,
        buyerRequests: 5,
        rateBp: 8_333,
        categoryAverageRateBp: 2_245,
        thresholdBp: 6_735,
      },
    });

    // A second run changes nothing.
    expect(await ctx.db.transaction().execute((tx) => refreshBuyerLabels(tx, ctx.clock.now()))).toEqual({
      labelled: 0,
      cleared: 0,
    });
  });

  it('shows ops the label with its figures and explanation; only arbiters change labels', async () => {
    const seen = await api(ctx.app, reviewer.token).get(`/api/v1/ops/buyers/${heavy.id}/labels`);
    expect(seen.status).toBe(200);
    expect(seen.body).toMatchObject({
      buyerId: heavy.id,
      highRefund: true,
      labels: [{ label: 'high_refund', setBy: 'system' }],
    });
    expect(seen.body.labels[0].inputs.explanation.zh).toContain('退款率83.33%');

    const refused = await api(ctx.app, reviewer.token).delete(
      `/api/v1/ops/buyers/${heavy.id}/labels/high_refund`,
    );
    expect(refused.status).toBe(403);
    const notABuyer = await api(ctx.app, arbiter.token).get(`/api/v1/ops/buyers/${arbiter.id}/labels`);
    expect(notABuyer.status).toBe(404);
    const noReason = await api(ctx.app, arbiter.token).put(
      `/api/v1/ops/buyers/${normal.id}/labels/high_refund`,
      {},
    );
    expect(noReason.status).toBe(400);

    const cleared = await api(ctx.app, arbiter.token).delete(
      `/api/v1/ops/buyers/${heavy.id}/labels/high_refund`,
    );
    expect(cleared.status).toBe(200);
    expect(cleared.body).toEqual({ buyerId: heavy.id, highRefund: false, labels: [] });
    expect(await isHighRefundBuyer(ctx.db, heavy.id)).toBe(false);
  });

  it('the daily refresh deadline relabels and schedules itself 24 h later', async () => {
    const now = ctx.clock.now();
    expect(await ctx.db.transaction().execute((tx) => scheduleProtectionRefresh(tx, now))).toBe(true);
    expect(await ctx.db.transaction().execute((tx) => scheduleProtectionRefresh(tx, now))).toBe(false);
    const run = await ctx.deadlines.runDue();
    expect(run.failed + run.retrying).toBe(0);
    expect(await isHighRefundBuyer(ctx.db, heavy.id)).toBe(true);
    const next = await ctx.db
      .selectFrom('deadlines')
      .select(['dueAt', 'subjectId'])
      .where('kind', '=', REFRESH_PROTECTION)
      .where('status', '=', 'pending')
      .execute();
    expect(next).toEqual([{ dueAt: new Date(now.getTime() + DAY), subjectId: 1 }]);
  });
});

describe('quality-refund rate (品退率) and freight abuse (薅运费)', () => {
  let shop: Awaited<ReturnType<typeof buildShop>>;
  let otherShop: Awaited<ReturnType<typeof buildShop>>;
  let q1: number; // the quality cases
  let q2: number; // returned often without a quality reason

  beforeAll(async () => {
    shop = await buildShop(ctx);
    otherShop = await buildShop(ctx);
    const p1 = await buildListedProduct(ctx, shop.shopId, {
      title: '羊毛围巾',
      skus: [{ priceFen: 9_900, stock: 100 }],
    });
    const p2 = await buildListedProduct(ctx, shop.shopId, {
      title: '试穿连衣裙',
      skus: [{ priceFen: 19_900, stock: 100 }],
    });
    q1 = p1.productId;
    q2 = p2.productId;
    const q1Orders = await paidOrders(p1.skuIds[0]!, 6);
    const q2Orders = await paidOrders(p2.skuIds[0]!, 10);

    // Paid 20 days ago; `day(n)` is n days after payment.
    const paidAt = at(-20);
    const day = (n: number) => new Date(paidAt.getTime() + n * DAY);
    await ctx.db
      .updateTable('orders')
      .set({ paidAt, state: 'delivered', deliveredAt: day(2) })
      .where('id', 'in', [...q1Orders, ...q2Orders])
      .execute();
    const deliver = (orderId: number, n: number) =>
      ctx.db
        .updateTable('orders')
        .set({ deliveredAt: day(n) })
        .where('id', '=', orderId)
        .execute();

    const [o1, o2, o3, o4, o5] = q1Orders as [number, number, number, number, number];
    await request(o1, { reason: 'quality_issue', at: day(3) }); // counts
    await deliver(o2, 14);
    await request(o2, { reason: 'damaged', at: day(14) }); // delivered and asked on day 14: counts
    await deliver(o3, 15);
    await request(o3, { reason: 'damaged', at: day(15) }); // delivered on day 15: not eligible
    await request(o4, { reason: 'dont_like', at: day(4), state: 'closed' }); // first refund, no quality
    await request(o4, { reason: 'quality_issue', at: day(5), attempt: 2 }); // not first: does not count
    await request(o5, { type: 'guarantee_claim', reason: 'spoiled', at: day(2) }); // honoured guarantee: out
    // the sixth order: delivered, never refunded

    for (const id of q2Orders.slice(0, 5)) await request(id, { reason: 'no_reason', at: day(3) });
  });

  const merchantMetrics = (query = '') =>
    api(ctx.app, shop.owner.token).get(`/api/v1/shops/${shop.shopId}/aftersales/metrics${query}`);

  it('gives the merchant the shop’s and each product’s figures; another merchant gets 404', async () => {
    const res = await merchantMetrics();
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({ shopId: shop.shopId, windowDays: 30, configVersion: 1 });
    expect(res.body.shop).toEqual({
      paidOrders: 16,
      refundRequests: 10, // o4's second ask is the same line: one request
      excludedFreightAbuseReturns: 0,
      excludedHighRefundRequests: 0,
      refundRateBp: 6_250,
      eligibleOrders: 14, // 16 − o3 (delivered day 15) − o5 (guarantee)
      qualityRefunds: 2,
      qualityRefundRateBp: 1_429,
    });
    expect(res.body.products).toEqual([
      {
        productId: q2,
        title: '试穿连衣裙',
        freightAbuse: false,
        paidOrders: 10,
        refundRequests: 5,
        excludedFreightAbuseReturns: 0,
        excludedHighRefundRequests: 0,
        refundRateBp: 5_000,
        eligibleOrders: 10,
        qualityRefunds: 0,
        qualityRefundRateBp: 0,
      },
      {
        productId: q1,
        title: '羊毛围巾',
        freightAbuse: false,
        paidOrders: 6,
        refundRequests: 5,
        excludedFreightAbuseReturns: 0,
        excludedHighRefundRequests: 0,
        refundRateBp: 8_333,
        eligibleOrders: 4,
        qualityRefunds: 2,
        qualityRefundRateBp: 5_000,
      },
    ]);

    const week = await merchantMetrics('?windowDays=7');
    expect(week.status).toBe(200);
    expect(week.body.shop).toMatchObject({
      paidOrders: 0,
      refundRateBp: 0,
      eligibleOrders: 0,
      qualityRefundRateBp: 0,
    });
    expect((await merchantMetrics('?windowDays=10')).status).toBe(400);

    const intruder = await api(ctx.app, otherShop.owner.token).get(
      `/api/v1/shops/${shop.shopId}/aftersales/metrics`,
    );
    expect(intruder.status).toBe(404);
  });

  it('flags the product returned without quality reasons and takes those returns out of the refund rate', async () => {
    const result = await ctx.db.transaction().execute((tx) => detectFreightAbuse(tx, ctx.clock.now()));
    expect(result).toEqual({ flagged: 1, unflagged: 0 });

    const res = await merchantMetrics();
    expect(res.body.shop).toMatchObject({
      refundRequests: 10,
      excludedFreightAbuseReturns: 5,
      excludedHighRefundRequests: 0,
      refundRateBp: 3_125,
    });
    expect(res.body.products[0]).toMatchObject({
      productId: q2,
      freightAbuse: true,
      refundRequests: 5,
      excludedFreightAbuseReturns: 5,
      excludedHighRefundRequests: 0,
      refundRateBp: 0,
    });
    // Quality returns of other products stay in.
    expect(res.body.products[1]).toMatchObject({
      productId: q1,
      excludedFreightAbuseReturns: 0,
      excludedHighRefundRequests: 0,
      refundRateBp: 8_333,
    });

    const flagged = await api(ctx.app, reviewer.token).get(
      `/api/v1/ops/aftersales/freight-abuse?shopId=${shop.shopId}`,
    );
    expect(flagged.status).toBe(200);
    expect(flagged.body).toMatchObject({
      total: 1,
      items: [
        {
          productId: q2,
          shopId: shop.shopId,
          title: '试穿连衣裙',
          inputs: { rule: 'freight_abuse', orders: 10, noQualityReturns: 5, rateBp: 5_000, configVersion: 1 },
        },
      ],
    });
    // Every shop's flagged products, without the filter: the same row, with when it was detected.
    const everyShop = await api(ctx.app, reviewer.token).get('/api/v1/ops/aftersales/freight-abuse');
    expect(everyShop.status).toBe(200);
    const row = everyShop.body.items.find((item: { productId: number }) => item.productId === q2);
    expect(row).toMatchObject({ shopId: shop.shopId, title: '试穿连衣裙' });
    expect(Number.isNaN(Date.parse(row.detectedAt))).toBe(false);
  });

  it('gives ops the same figures for any shop, one product on request', async () => {
    const asMerchant = await merchantMetrics();
    const asOps = await api(ctx.app, reviewer.token).get(
      `/api/v1/ops/aftersales/metrics?shopId=${shop.shopId}`,
    );
    expect(asOps.status).toBe(200);
    expect(asOps.body).toEqual(asMerchant.body);

    const one = await api(ctx.app, arbiter.token).get(
      `/api/v1/ops/aftersales/metrics?shopId=${shop.shopId}&productId=${q1}&windowDays=90`,
    );
    expect(one.body.products.map((p: { productId: number }) => p.productId)).toEqual([q1]);
    expect(one.body.shop.paidOrders).toBe(16);

    const missing = await api(ctx.app, reviewer.token).get('/api/v1/ops/aftersales/metrics?shopId=999999');
    expect(missing.status).toBe(404);
    const merchant = await api(ctx.app, shop.owner.token).get(
      `/api/v1/ops/aftersales/metrics?shopId=${shop.shopId}`,
    );
    expect(merchant.status).toBe(403);
  });

  it('unflags a product once its returns age out of the window', async () => {
    const later = at(40);
    const result = await ctx.db.transaction().execute((tx) => detectFreightAbuse(tx, later));
    expect(result).toEqual({ flagged: 0, unflagged: 1 });
    expect((await merchantMetrics()).body.shop.excludedFreightAbuseReturns).toBe(0);
  });
});
