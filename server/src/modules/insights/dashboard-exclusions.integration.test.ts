import { beforeAll, describe, expect, it } from 'vitest';
import { buildBuyer, buildOps, type TestUser } from '../../../test/builders.ts';
import { api, createTestContext, type TestContext } from '../../../test/harness.ts';
import { aftersalesRig, guaranteedProduct, type ShopSetup } from '../aftersales/aftersales.test-support.ts';

let ctx: TestContext;
let rig: ReturnType<typeof aftersalesRig>;
let shop: ShopSetup & { skuId: number; productId: number };
let abuser: TestUser;
let arbiter: TestUser;

// product rules §7.6: six delivered orders; one honest buyer asks back one for quality, a buyer later
// labelled high-refund asks back two for quality.
beforeAll(async () => {
  ctx = await createTestContext();
  rig = aftersalesRig(ctx);
  shop = await guaranteedProduct(ctx, { priceFen: 9_900 });
  arbiter = await buildOps(ctx, ['arbiter']);
  abuser = await buildBuyer(ctx);
  ctx.clock.set('2026-11-20T02:00:00Z');
  const honest = await rig.deliveredOrder(shop);
  for (let i = 0; i < 3; i += 1) await rig.deliveredOrder(shop);
  const abused = [await rig.deliveredOrder(shop, abuser), await rig.deliveredOrder(shop, abuser)];
  for (const order of [honest, ...abused]) {
    const res = await rig.open(order.buyer, {
      orderId: order.orderId,
      orderLineId: order.lineId,
      type: 'return_refund',
      reason: 'quality_issue',
      quantity: 1,
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
  }
  ctx.clock.set('2026-11-23T08:00:00Z');
});

const dashboard = async () => {
  const res = await api(ctx.app, shop.owner.token).get(`/api/v1/shops/${shop.shopId}/dashboard?days=7`);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body;
};

describe('merchant metrics without abusers (product rules §7.6)', () => {
  it('counts a buyer’s requests until the buyer is labelled high-refund', async () => {
    const body = await dashboard();
    expect(body.totals).toMatchObject({ paidOrders: 6, refundRequests: 3, refundRateBp: 5_000 });
    expect(body.totals).toMatchObject({ eligibleOrders: 6, qualityRefunds: 3, qualityRefundRateBp: 5_000 });
    expect(body.exclusions).toEqual({ highRefundRequests: 0, freightAbuseReturns: 0 });
  });

  it('leaves a high-refund buyer’s requests out of the refund and quality-refund rates and says so', async () => {
    const label = await api(ctx.app, arbiter.token).put(
      `/api/v1/ops/buyers/${abuser.id}/labels/high_refund`,
      {
        reason: '多次恶意仅退款',
      },
    );
    expect(label.status, JSON.stringify(label.body)).toBe(200);

    const body = await dashboard();
    // The orders still count; the requests do not.
    expect(body.totals).toMatchObject({ paidOrders: 6, refundRequests: 3, refundRateBp: 1_667 });
    expect(body.totals).toMatchObject({ eligibleOrders: 6, qualityRefunds: 1, qualityRefundRateBp: 1_667 });
    expect(body.exclusions).toEqual({ highRefundRequests: 2, freightAbuseReturns: 0 });
    const day = body.series.find((d: { date: string }) => d.date === '2026-11-20');
    expect(day).toMatchObject({ paidOrders: 6, qualityRefunds: 1, refundRateBp: 1_667 });

    const metrics = await api(ctx.app, shop.owner.token).get(
      `/api/v1/shops/${shop.shopId}/aftersales/metrics`,
    );
    expect(metrics.body.shop).toMatchObject({ excludedHighRefundRequests: 2, qualityRefunds: 1 });
  });
});
