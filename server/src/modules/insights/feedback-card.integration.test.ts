import { beforeAll, describe, expect, it } from 'vitest';
import { buildBuyer, buildListedProduct, buildPaidOrder, buildShop } from '../../../test/builders.ts';
import { api, createTestContext, type TestContext } from '../../../test/harness.ts';

let ctx: TestContext;
const DAY = 86_400_000;
beforeAll(async () => {
  ctx = await createTestContext();
});

describe('dashboard feedback card', () => {
  it('shows the shop’s repeat-customer index and NPS beside the platform’s; another shop gets 404', async () => {
    const shop = await buildShop(ctx);
    const sku = (await buildListedProduct(ctx, shop.shopId)).skuIds[0]!;
    const now = ctx.clock.now();
    const buyer = await buildBuyer(ctx);
    for (const daysAgo of [40, 35]) {
      const order = await buildPaidOrder(ctx, { buyer, skuId: sku });
      await ctx.db
        .updateTable('orders')
        .set({ paidAt: new Date(now.getTime() - daysAgo * DAY) })
        .where('id', '=', order.orderId)
        .execute();
    }
    const answered = await buildPaidOrder(ctx, { skuId: sku });
    await ctx.db
      .insertInto('npsInvitations')
      .values({
        orderId: answered.orderId,
        shopId: shop.shopId,
        buyerId: answered.buyer.id,
        state: 'answered',
        configVersion: 1,
        offeredAt: new Date(now.getTime() - 2 * DAY),
        expiresAt: new Date(now.getTime() + 5 * DAY),
        answeredAt: new Date(now.getTime() - DAY),
        score: 10,
      })
      .execute();

    const res = await api(ctx.app, shop.owner.token).get(`/api/v1/shops/${shop.shopId}/dashboard/feedback`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.repeat).toMatchObject({
      d14Bp: 10_000,
      d30Bp: 10_000,
      d90Bp: null,
      cohort: { d14: 1, d30: 1, d90: 0 },
    });
    expect(res.body.nps.shop).toEqual({ promoters: 1, passives: 0, detractors: 0, responses: 1, nps: 100 });
    expect(res.body.nps.platform.responses).toBeGreaterThanOrEqual(1);

    const other = await buildShop(ctx);
    expect(
      (await api(ctx.app, other.owner.token).get(`/api/v1/shops/${shop.shopId}/dashboard/feedback`)).status,
    ).toBe(404);
  });
});
