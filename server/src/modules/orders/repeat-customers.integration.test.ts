import { beforeAll, describe, expect, it } from 'vitest';
import {
  buildBuyer,
  buildListedProduct,
  buildPaidOrder,
  buildShop,
  type TestUser,
} from '../../../test/builders.ts';
import { createTestContext, type TestContext } from '../../../test/harness.ts';
import { repeatCustomerIndex } from './repeat-customers.ts';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});

const now = new Date('2026-12-01T00:00:00Z');
const daysAgo = (d: number) => new Date(now.getTime() - d * 86_400_000);

describe('repeatCustomerIndex', () => {
  it('counts new buyers of the last 180 days who came back within 14/30/90 days, windows complete', async () => {
    const shop = await buildShop(ctx);
    const other = await buildShop(ctx);
    const sku = (await buildListedProduct(ctx, shop.shopId)).skuIds[0]!;
    const otherSku = (await buildListedProduct(ctx, other.shopId)).skuIds[0]!;
    const buy = async (
      buyer: TestUser,
      paidDaysAgo: number,
      opts: { cancelled?: boolean; skuId?: number } = {},
    ) => {
      const order = await buildPaidOrder(ctx, { buyer, skuId: opts.skuId ?? sku });
      await ctx.db
        .updateTable('orders')
        .set({ paidAt: daysAgo(paidDaysAgo), ...(opts.cancelled ? { state: 'cancelled' as const } : {}) })
        .where('id', '=', order.orderId)
        .execute();
    };
    const [a, b, c, d, e] = await Promise.all([1, 2, 3, 4, 5].map(() => buildBuyer(ctx)));
    await buy(a!, 100); // back 10 days later: a repeat in every window
    await buy(a!, 90);
    await buy(b!, 60); // back 40 days later: not within 14 or 30; the 90-day window is not complete
    await buy(b!, 20);
    await buy(c!, 5); // too new for any window
    await buy(d!, 200); // first bought 200 days ago: not a new buyer of the last 180 days
    await buy(d!, 50);
    await buy(e!, 40); // the second order was cancelled: no purchase
    await buy(e!, 35, { cancelled: true });
    await buy(e!, 30, { skuId: otherSku }); // another shop's order does not make e a repeat here

    const [index] = await repeatCustomerIndex(ctx.db, now, [shop.shopId]);
    expect(index).toEqual({
      shopId: shop.shopId,
      d14Bp: 3_333,
      d30Bp: 3_333,
      d90Bp: 10_000,
      cohort: { d14: 3, d30: 3, d90: 1 },
    });
    const both = await repeatCustomerIndex(ctx.db, now, [shop.shopId, other.shopId]);
    expect(both.find((r) => r.shopId === other.shopId)).toEqual({
      shopId: other.shopId,
      d14Bp: 0,
      d30Bp: 0,
      d90Bp: null,
      cohort: { d14: 1, d30: 1, d90: 0 },
    });
    expect(await repeatCustomerIndex(ctx.db, now, [])).toEqual([]);
  });
});
