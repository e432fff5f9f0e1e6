import { beforeAll, describe, expect, it } from 'vitest';
import { buildStaff } from '../../../test/builders.ts';
import { api, createTestContext, type TestContext } from '../../../test/harness.ts';
import { aftersalesRig, guaranteedProduct, type ShopSetup } from '../aftersales/aftersales.test-support.ts';

let ctx: TestContext;
let rig: ReturnType<typeof aftersalesRig>;
let shop: ShopSetup & { skuId: number; productId: number };
const url = (days?: number) => `/api/v1/shops/${shop.shopId}/dashboard${days ? `?days=${days}` : ''}`;

// Real orders through checkout, delivery and after-sales, on three Shanghai days (UTC+8):
// 21 Nov: two orders (one at 01:00, one at 23:30 local), the first delivered and returned as damaged;
// 22 Nov: one order refunded at once before shipping (极速退款); 23 Nov (today): nothing.
beforeAll(async () => {
  ctx = await createTestContext();
  rig = aftersalesRig(ctx);
  shop = await guaranteedProduct(ctx, { priceFen: 9_900 });

  ctx.clock.set('2026-11-20T17:00:00Z');
  const first = await rig.deliveredOrder(shop);
  const damaged = await rig.open(first.buyer, {
    orderId: first.orderId,
    orderLineId: first.lineId,
    type: 'return_refund',
    reason: 'damaged',
    quantity: 1,
  });
  expect(damaged.status, JSON.stringify(damaged.body)).toBe(201);
  ctx.clock.set('2026-11-21T15:30:00Z');
  await rig.paidOrder(shop);

  ctx.clock.set('2026-11-22T02:00:00Z');
  const third = await rig.paidOrder(shop);
  const refund = await rig.open(third.buyer, {
    orderId: third.orderId,
    orderLineId: third.lineId,
    type: 'refund_only_unshipped',
    reason: 'not_shipped_yet',
    quantity: 1,
  });
  expect(refund.body.state, JSON.stringify(refund.body)).toBe('refunded');
  await rig.runDue(); // the refund is paid back to the buyer

  ctx.clock.set('2026-11-23T08:00:00Z');
});

// A day's rates are null below 5 orders (defect 9: one order refunded of one drew a 100% spike).
const zeroDay = {
  gmvFen: 0,
  paidOrders: 0,
  refundCount: 0,
  refundFen: 0,
  refundRequests: 0,
  refundRateBp: null,
  eligibleOrders: 0,
  qualityRefunds: 0,
  qualityRefundRateBp: null,
};

describe('merchant dashboard (GET /shops/:id/dashboard)', () => {
  it('answers every local day with zeros included, the figures of each day, totals and balances', async () => {
    const res = await api(ctx.app, shop.owner.token).get(url(7));
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const body = res.body;
    expect(body).toMatchObject({ shopId: shop.shopId, days: 7, utcOffsetMinutes: 480 });
    expect(body.from).toBe('2026-11-17');
    expect(body.to).toBe('2026-11-23');
    expect(body.series.map((d: { date: string }) => d.date)).toEqual([
      '2026-11-17',
      '2026-11-18',
      '2026-11-19',
      '2026-11-20',
      '2026-11-21',
      '2026-11-22',
      '2026-11-23',
    ]);
    const day = (date: string) => body.series.find((d: { date: string }) => d.date === date);
    for (const date of ['2026-11-17', '2026-11-18', '2026-11-19', '2026-11-20', '2026-11-23']) {
      expect(day(date)).toEqual({ date, ...zeroDay });
    }
    // Both orders of 21 Nov (01:00 and 23:30 local); the delivered one came back damaged: a quality
    // refund. Two orders are too few for a day's rate: it is not given, the totals carry it.
    expect(body.minOrdersForDailyRate).toBe(5);
    expect(day('2026-11-21')).toEqual({
      date: '2026-11-21',
      ...zeroDay,
      gmvFen: 19_800,
      paidOrders: 2,
      refundRequests: 1,
      eligibleOrders: 1,
      qualityRefunds: 1,
    });
    // One order, refunded: not a 100% refund rate for the day.
    expect(day('2026-11-22')).toEqual({
      date: '2026-11-22',
      ...zeroDay,
      gmvFen: 9_900,
      paidOrders: 1,
      refundCount: 1,
      refundFen: 9_900,
      refundRequests: 1,
    });
    expect(body.totals).toEqual({
      gmvFen: 29_700,
      paidOrders: 3,
      refundCount: 1,
      refundFen: 9_900,
      refundRequests: 2,
      refundRateBp: 6_667,
      eligibleOrders: 1,
      qualityRefunds: 1,
      qualityRefundRateBp: 10_000,
    });
    const balances = await api(ctx.app, shop.owner.token).get(`/api/v1/shops/${shop.shopId}/balances`);
    expect(body.balances).toEqual(balances.body);
    expect(body.balances.pendingFen).toBe(19_800);
  });

  it('uses the refund metrics’ definitions: its totals match GET /shops/:id/aftersales/metrics over the same orders', async () => {
    const metrics = await api(ctx.app, shop.owner.token).get(
      `/api/v1/shops/${shop.shopId}/aftersales/metrics?windowDays=7`,
    );
    expect(metrics.status, JSON.stringify(metrics.body)).toBe(200);
    const totals = (await api(ctx.app, shop.owner.token).get(url(7))).body.totals;
    expect(totals).toMatchObject({
      paidOrders: metrics.body.shop.paidOrders,
      refundRequests: metrics.body.shop.refundRequests,
      refundRateBp: metrics.body.shop.refundRateBp,
      qualityRefundRateBp: metrics.body.shop.qualityRefundRateBp,
    });
  });

  it('defaults to 30 days ending today; staff see it; the window is 7–90 days', async () => {
    const staff = await buildStaff(ctx, shop.shopId);
    const res = await api(ctx.app, staff.token).get(url());
    expect(res.status).toBe(200);
    expect(res.body.series).toHaveLength(30);
    expect(res.body.series[0].date).toBe('2026-10-25');
    expect(res.body.to).toBe('2026-11-23');
    expect(res.body.totals.gmvFen).toBe(29_700);
    for (const days of [6, 91]) {
      const bad = await api(ctx.app, shop.owner.token).get(url(days));
      expect(bad.status).toBe(400);
      expect(bad.body.error.details.fields[0].field).toBe('days');
    }
  });

  it('moves a day at local midnight: at 23:59 on 22 Nov the 22nd is today, at 00:00 the 23rd', async () => {
    ctx.clock.set('2026-11-22T15:59:00Z');
    const before = (await api(ctx.app, shop.owner.token).get(url(7))).body;
    expect(before.to).toBe('2026-11-22');
    expect(before.series.at(-1)).toMatchObject({ date: '2026-11-22', gmvFen: 9_900 });
    ctx.clock.set('2026-11-22T16:00:00Z');
    const after = (await api(ctx.app, shop.owner.token).get(url(7))).body;
    expect(after.to).toBe('2026-11-23');
    expect(after.series.at(-1)).toEqual({ date: '2026-11-23', ...zeroDay });
    ctx.clock.set('2026-11-23T08:00:00Z');
  });
});
