import { beforeAll, describe, expect, it } from 'vitest';
import { buildBuyer } from '../../../test/builders.ts';
import { createTestContext, type TestContext } from '../../../test/harness.ts';
import { aftersalesRig, guaranteedProduct } from './aftersales.test-support.ts';

let ctx: TestContext;
let rig: ReturnType<typeof aftersalesRig>;
let phone: Awaited<ReturnType<typeof guaranteedProduct>>;
let iceCream: Awaited<ReturnType<typeof guaranteedProduct>>;

beforeAll(async () => {
  ctx = await createTestContext();
  rig = aftersalesRig(ctx);
  phone = await guaranteedProduct(ctx, { priceFen: 249_900, guarantees: ['no_reason_7d'] });
  iceCream = await guaranteedProduct(ctx, {
    priceFen: 6_280,
    guarantees: ['melted_refund'],
    category: { perishable: true, regulatedType: 'food', noReasonReturn: false, defaultGuarantees: [] },
  });
});

const V = '/api/v1';
const options = (order: { buyer: any; orderId: number; lineId: number }) =>
  rig.as(order.buyer).get(`${V}/aftersales/options?orderId=${order.orderId}&orderLineId=${order.lineId}`);

describe('GET /aftersales/options: what a buyer may ask on an order line', () => {
  it('an unshipped phone: refund before shipping, no melted or spoiled, the whole price back the way it was paid', async () => {
    const order = await rig.paidOrder(phone, undefined, 2);
    const res = await options(order);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.defaultType).toBe('refund_only_unshipped');
    expect(res.body.types).toEqual([
      { type: 'refund_only_unshipped', reasons: ['not_shipped_yet', 'ordered_wrong', 'other'] },
    ]);
    expect(res.body.refund).toEqual({
      byQuantity: [
        { quantity: 1, amountFen: 249_900 },
        { quantity: 2, amountFen: 499_800 },
      ],
      destination: 'original_payment',
    });
  });

  it('a delivered phone: return-and-refund first, inside the 7-day window "no reason" too', async () => {
    const order = await rig.deliveredOrder(phone);
    const res = await options(order);
    expect(res.status).toBe(200);
    expect(res.body.defaultType).toBe('return_refund');
    expect(res.body.types.map((t: any) => t.type)).toEqual([
      'return_refund',
      'refund_only',
      'exchange',
      'resend',
    ]);
    const reasons = res.body.types.flatMap((t: any) => t.reasons);
    expect(reasons).toContain('no_reason');
    expect(reasons).not.toContain('melted');
    expect(reasons).not.toContain('spoiled');
  });

  it('delivered ice cream: melted, and the 化了包退 claim', async () => {
    const order = await rig.deliveredOrder(iceCream);
    const res = await options(order);
    expect(res.status).toBe(200);
    const refundOnly = res.body.types.find((t: any) => t.type === 'refund_only');
    expect(refundOnly.reasons).toContain('melted');
    expect(res.body.types.find((t: any) => t.type === 'guarantee_claim')).toEqual({
      type: 'guarantee_claim',
      reasons: ['melted'],
    });
    expect(res.body.claimable).toEqual(['melted_refund']);
  });

  it("is the buyer's own: another buyer's order is not found; a line of another order is named", async () => {
    const order = await rig.paidOrder(phone);
    const stranger = await buildBuyer(ctx);
    expect((await options({ ...order, buyer: stranger })).status).toBe(404);
    const wrongLine = await options({ ...order, lineId: order.lineId + 100_000 });
    expect(wrongLine.status).toBe(400);
    expect(wrongLine.body.error.details.fields[0].field).toBe('orderLineId');
  });
});

describe('POST /aftersales/requests accepts only what the options offer', () => {
  it('refuses "melted" for an unshipped phone, naming the reason field, and writes nothing', async () => {
    const order = await rig.paidOrder(phone);
    const res = await rig.open(order.buyer, {
      orderId: order.orderId,
      orderLineId: order.lineId,
      type: 'refund_only_unshipped',
      reason: 'melted',
      quantity: 1,
    });
    expect(res.status, JSON.stringify(res.body)).toBe(400);
    expect(res.body.error.details.fields).toEqual([
      {
        field: 'reason',
        reason:
          'melted does not fit a refund_only_unshipped on this order line; fitting: not_shipped_yet, ordered_wrong, other',
      },
    ]);
    const requests = await ctx.db
      .selectFrom('aftersalesRequests')
      .select('id')
      .where('orderId', '=', order.orderId)
      .execute();
    expect(requests).toEqual([]);
  });

  it('refuses "spoiled" on a delivered phone, accepts "melted" on delivered ice cream', async () => {
    const delivered = await rig.deliveredOrder(phone);
    const spoiled = await rig.open(delivered.buyer, {
      orderId: delivered.orderId,
      orderLineId: delivered.lineId,
      type: 'refund_only',
      reason: 'spoiled',
      quantity: 1,
    });
    expect(spoiled.status).toBe(400);
    expect(spoiled.body.error.details.fields[0].field).toBe('reason');

    const cold = await rig.deliveredOrder(iceCream);
    const melted = await rig.open(cold.buyer, {
      orderId: cold.orderId,
      orderLineId: cold.lineId,
      type: 'refund_only',
      reason: 'melted',
      quantity: 1,
    });
    expect(melted.status, JSON.stringify(melted.body)).toBe(201);
  });
});
