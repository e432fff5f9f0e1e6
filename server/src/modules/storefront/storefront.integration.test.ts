import { beforeAll, describe, expect, it } from 'vitest';
import {
  buildBuyer,
  buildListedProduct,
  buildLiveSession,
  buildPaidOrder,
  buildShop,
} from '../../../test/builders.ts';
import { api, createTestContext, type TestContext } from '../../../test/harness.ts';

let ctx: TestContext;
const V = '/api/v1';
beforeAll(async () => {
  ctx = await createTestContext();
});

async function review(shopId: number, productId: number, skuId: number, rating: number) {
  const order = await buildPaidOrder(ctx, { shopId, skuId });
  const line = await ctx.db
    .selectFrom('orderLines')
    .select('id')
    .where('orderId', '=', order.orderId)
    .executeTakeFirstOrThrow();
  await ctx.db
    .insertInto('reviews')
    .values({
      orderId: order.orderId,
      orderLineId: line.id,
      productId,
      shopId,
      buyerId: order.buyer.id,
      rating,
      text: '好',
    })
    .execute();
}

describe('storefront', () => {
  it('the shop page shows its rating, band, badge, followers and the room on air; the product page its ratings', async () => {
    const shop = await buildShop(ctx);
    const product = await buildListedProduct(ctx, shop.shopId);
    await review(shop.shopId, product.productId, product.skuIds[0]!, 5);
    await review(shop.shopId, product.productId, product.skuIds[0]!, 3);
    const fan = await buildBuyer(ctx);
    expect((await api(ctx.app, fan.token).put(`${V}/me/follows/shops/${shop.shopId}`)).status).toBe(200);
    const { sessionId } = await buildLiveSession(
      ctx,
      { hostUserId: shop.owner.id, shopId: shop.shopId },
      { state: 'live' },
    );

    const page = await api(ctx.app).get(`${V}/shops/${shop.shopId}/storefront`);
    expect(page.status, JSON.stringify(page.body)).toBe(200);
    expect(page.body).toMatchObject({
      shop: { id: shop.shopId },
      reputation: {
        rating: { reviews: 2, average: 4, goodRateBp: 5_000 },
        band: 'not_enough_orders',
        trustBadge: false,
      },
      followerCount: 1,
      liveNow: { sessionId },
    });

    const p = await api(ctx.app).get(`${V}/products/${product.productId}/reputation`);
    expect(p.status).toBe(200);
    expect(p.body).toMatchObject({
      productId: product.productId,
      rating: { reviews: 2, average: 4 },
      shop: { id: shop.shopId, rating: { reviews: 2 }, trustBadge: false },
    });

    const other = await buildShop(ctx);
    const cards = await api(ctx.app).get(`${V}/shop-reputations?ids=${shop.shopId},${other.shopId}`);
    expect(cards.status).toBe(200);
    expect(cards.body.items).toEqual([
      expect.objectContaining({ shopId: shop.shopId, rating: { reviews: 2, average: 4, goodRateBp: 5_000 } }),
      expect.objectContaining({
        shopId: other.shopId,
        rating: { reviews: 0, average: null, goodRateBp: null },
      }),
    ]);
  });

  it('no such shop answers 404; bad ids 400', async () => {
    expect((await api(ctx.app).get(`${V}/shops/999999999/storefront`)).status).toBe(404);
    expect((await api(ctx.app).get(`${V}/shop-reputations?ids=1,,2`)).status).toBe(400);
  });
});
