import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildListedProduct, buildPaidOrder, buildShop } from '../../../test/builders.ts';
import { createTestContext, type TestContext } from '../../../test/harness.ts';
import { productRatingSql, ratingsOf, reviewFactsByShop, shopRatingSql } from './ratings.service.ts';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});

/** A review of `rating` stars on a fresh paid order of `productId`, written at `at`. */
async function writeReview(shopId: number, productId: number, skuId: number, rating: number, at: Date) {
  const order = await buildPaidOrder(ctx, { shopId, skuId });
  const line = await ctx.db
    .selectFrom('orderLines')
    .select('id')
    .where('orderId', '=', order.orderId)
    .executeTakeFirstOrThrow();
  const row = await ctx.db
    .insertInto('reviews')
    .values({
      orderId: order.orderId,
      orderLineId: line.id,
      productId,
      shopId,
      buyerId: order.buyer.id,
      rating,
      text: `${rating} 星`,
      createdAt: at,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

describe('ratings', () => {
  it('product and shop ratings follow visible reviews as they are written and hidden', async () => {
    const shop = await buildShop(ctx);
    const a = await buildListedProduct(ctx, shop.shopId);
    const b = await buildListedProduct(ctx, shop.shopId);
    const unrated = await buildListedProduct(ctx, shop.shopId);
    const at = new Date('2026-11-10T04:00:00Z');
    await writeReview(shop.shopId, a.productId, a.skuIds[0]!, 5, at);
    await writeReview(shop.shopId, a.productId, a.skuIds[0]!, 4, at);
    const bad = await writeReview(shop.shopId, a.productId, a.skuIds[0]!, 1, at);
    await writeReview(shop.shopId, b.productId, b.skuIds[0]!, 5, at);

    let products = await ratingsOf(ctx.db, { productIds: [a.productId, b.productId, unrated.productId] });
    expect(products.get(a.productId)).toEqual({ reviews: 3, average: 3.3, goodRateBp: 6_667 });
    expect(products.get(b.productId)).toEqual({ reviews: 1, average: 5, goodRateBp: 10_000 });
    expect(products.get(unrated.productId)).toEqual({ reviews: 0, average: null, goodRateBp: null });
    expect((await ratingsOf(ctx.db, { shopIds: [shop.shopId] })).get(shop.shopId)).toEqual({
      reviews: 4,
      average: 3.8,
      goodRateBp: 7_500,
    });

    // An upheld malicious-review report (or a screening block) hides the 1-star review: it stops counting.
    await ctx.db
      .updateTable('reviews')
      .set({ state: 'hidden', hiddenReason: 'malicious' })
      .where('id', '=', bad)
      .execute();
    products = await ratingsOf(ctx.db, { productIds: [a.productId] });
    expect(products.get(a.productId)).toEqual({ reviews: 2, average: 4.5, goodRateBp: 10_000 });

    // The SQL fragments say the same as ratingsOf, for use in another module's query.
    const p = productRatingSql(sql.ref('p.id'));
    const s = shopRatingSql(sql.ref('p.shop_id'));
    const rows = await ctx.db
      .selectFrom('products as p')
      .select([
        'p.id',
        p.reviews.as('reviews'),
        p.average.as('average'),
        p.goodRateBp.as('goodRateBp'),
        s.average.as('shopAverage'),
        s.goodRateBp.as('shopGoodRateBp'),
      ])
      .where('p.shopId', '=', shop.shopId)
      .orderBy('p.id')
      .execute();
    expect(rows).toEqual([
      {
        id: a.productId,
        reviews: 2,
        average: 4.5,
        goodRateBp: 10_000,
        shopAverage: 4.7,
        shopGoodRateBp: 10_000,
      },
      {
        id: b.productId,
        reviews: 1,
        average: 5,
        goodRateBp: 10_000,
        shopAverage: 4.7,
        shopGoodRateBp: 10_000,
      },
      {
        id: unrated.productId,
        reviews: 0,
        average: null,
        goodRateBp: null,
        shopAverage: 4.7,
        shopGoodRateBp: 10_000,
      },
    ]);
  });

  it('reviewFactsByShop counts visible reviews in the window: negative ≤ 2 stars, good ≥ 4', async () => {
    const shop = await buildShop(ctx);
    const other = await buildShop(ctx);
    const p = await buildListedProduct(ctx, shop.shopId);
    const q = await buildListedProduct(ctx, other.shopId);
    const inside = new Date('2026-11-20T00:00:00Z');
    for (const stars of [1, 2, 3, 4, 5])
      await writeReview(shop.shopId, p.productId, p.skuIds[0]!, stars, inside);
    await writeReview(shop.shopId, p.productId, p.skuIds[0]!, 1, new Date('2026-10-01T00:00:00Z'));
    const held = await writeReview(shop.shopId, p.productId, p.skuIds[0]!, 1, inside);
    await ctx.db
      .updateTable('reviews')
      .set({ state: 'flagged', hiddenReason: 'held' })
      .where('id', '=', held)
      .execute();
    await writeReview(other.shopId, q.productId, q.skuIds[0]!, 5, inside);

    const facts = await reviewFactsByShop(
      ctx.db,
      new Date('2026-11-01T00:00:00Z'),
      new Date('2026-12-01T00:00:00Z'),
      [shop.shopId, other.shopId],
    );
    expect(facts.sort((x, y) => x.shopId - y.shopId)).toEqual([
      { shopId: shop.shopId, reviews: 5, negative: 2, good: 2 },
      { shopId: other.shopId, reviews: 1, negative: 0, good: 1 },
    ]);
    expect(await reviewFactsByShop(ctx.db, new Date(0), new Date(), [])).toEqual([]);
  });
});
