import { randomBytes } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../../test/harness.ts';
import { MINUTE } from '../../../platform/clock.ts';
import { accounts, balanceOf, checkLedger } from '../../ledger/index.ts';
import { moneyRig } from '../../orders/checkout-money.test-support.ts';
import { proRata } from '../../settlement/index.ts';
import { buildRequestRow } from './money.test-support.ts';
import { refundForRequest } from './refund-for-request.service.ts';

let ctx: TestContext;
let rig: ReturnType<typeof moneyRig>;
beforeAll(async () => {
  ctx = await createTestContext();
  rig = moneyRig(ctx);
});

const V = '/api/v1';

describe('a refund of a settled order bought with a platform coupon', () => {
  it("returns the line's paid share; the platform gets back its subsidy of that share; the ledger balances", async () => {
    const shop = await rig.shopWithTemplate();
    const product = await rig.product(shop.shopId, [6_000, 4_000]);
    const buyer = await rig.buyer();
    await rig.giveCoupon(buyer, shop.owner.id, { shopId: null, kind: 'no_threshold', discountFen: 1_000 });
    const res = await rig.checkout(buyer, {
      items: [
        { skuId: product.skuIds[0], quantity: 1 },
        { skuId: product.skuIds[1], quantity: 1 },
      ],
      pay: { method: 'sandbox' },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const order = res.body.orders[0];
    // platform 1,000 over 6,000 / 4,000: 600 / 400; paid 5,400 / 3,600; shipping 1,000; total 10,000
    expect(order.lines.map((l: { paidFen: number }) => l.paidFen)).toEqual([5_400, 3_600]);
    expect(order.totalFen).toBe(10_000);

    const shipped = await rig.as(shop.owner).post(`${V}/shops/${shop.shopId}/orders/${order.id}/shipment`, {
      carrier: 'sandbox',
      trackingNumber: `SR${randomBytes(6).toString('hex').toUpperCase()}`,
    });
    expect(shipped.status).toBe(201);
    expect((await rig.as(buyer).post(`${V}/orders/${order.id}/confirm-receipt`)).status).toBe(200);
    ctx.clock.advance(ctx.settings.settlementDelayMs + MINUTE);
    await ctx.deadlines.runDue();
    const settled = await ctx.db
      .selectFrom('settlements')
      .select(['state', 'subsidyFen'])
      .where('orderId', '=', order.id)
      .executeTakeFirstOrThrow();
    expect(settled).toEqual({ state: 'settled', subsidyFen: 1_000 });

    const line = await ctx.db
      .selectFrom('orderLines')
      .select(['id', 'paidFen'])
      .where('orderId', '=', order.id)
      .orderBy('id')
      .executeTakeFirstOrThrow();
    const { requestId } = await buildRequestRow(ctx, order.id, { orderLineId: line.id, requestedFen: 5_400 });
    const refund = (amountFen: number) =>
      ctx.db.transaction().execute((tx) =>
        refundForRequest(
          tx,
          {
            requestId,
            orderId: order.id,
            orderLineId: line.id,
            amountFen,
            reason: 'subsidy test',
            funding: 'order',
            now: ctx.clock.now(),
          },
          ctx.settings,
        ),
      );
    // never the list price of a discounted line
    await expect(refund(6_000)).rejects.toMatchObject({ code: 'refund_exceeds_paid' });
    const subsidyBefore = await balanceOf(ctx.db, accounts.platformSubsidy);
    const done = await refund(5_400);
    expect(done.source).toBe('clawback');
    expect(await balanceOf(ctx.db, accounts.platformSubsidy)).toBe(
      subsidyBefore + proRata(1_000, 5_400, 10_000),
    );
    await ctx.deadlines.runDue();
    const report = await checkLedger(ctx.db);
    expect(report, JSON.stringify(report)).toMatchObject({ ok: true });
  });
});
