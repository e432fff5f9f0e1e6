import { type Expression, type RawBuilder, sql } from 'kysely';
import type { Executor } from '../../platform/db.ts';
import { GOOD_RATING, NEGATIVE_RATING, type Rating, ratingOf } from './rating.rule.ts';

/** A rating as SQL scalars over one subject: usable in another module's select, where or order by. */
export interface RatingSql {
  /** Visible reviews (0 without any). */
  reviews: RawBuilder<number>;
  /** Average stars, one decimal rounded half up, null without reviews (ratingOf's rule in SQL). */
  average: RawBuilder<number | null>;
  /** Good-rating rate in basis points rounded half up, null without reviews. */
  goodRateBp: RawBuilder<number | null>;
}

function ratingSql(
  table: 'product_ratings' | 'shop_ratings',
  key: string,
  id: Expression<number>,
): RatingSql {
  const row = (expr: RawBuilder<unknown>) =>
    sql`(select ${expr} from ${sql.table(table)} t where t.${sql.ref(key)} = ${id})`;
  return {
    reviews: sql<number>`coalesce(${row(sql`t.reviews`)}, 0)`,
    average: row(sql`((t.stars * 20 + t.reviews) / nullif(2 * t.reviews, 0))::float8 / 10`) as RawBuilder<
      number | null
    >,
    goodRateBp: row(sql`((t.good * 20000 + t.reviews) / nullif(2 * t.reviews, 0))::int`) as RawBuilder<
      number | null
    >,
  };
}

/**
 * A product's rating as SQL over `productId` (e.g. `sql.ref('p.id')`): primary-key reads of a total
 * kept in step with reviews, cheap enough for every row of a ranked search.
 */
export function productRatingSql(productId: Expression<number>): RatingSql {
  return ratingSql('product_ratings', 'product_id', productId);
}

/** A shop's rating as SQL over `shopId`, over all its products' visible reviews. */
export function shopRatingSql(shopId: Expression<number>): RatingSql {
  return ratingSql('shop_ratings', 'shop_id', shopId);
}

/**
 * Ratings of the given products or shops (product rules §7.3), one query; every id asked for has an
 * entry (no reviews: 0 reviews and no average).
 */
export async function ratingsOf(
  db: Executor,
  ids: { productIds: readonly number[] } | { shopIds: readonly number[] },
): Promise<Map<number, Rating>> {
  const wanted = 'productIds' in ids ? ids.productIds : ids.shopIds;
  const result = new Map<number, Rating>(
    wanted.map((id) => [id, ratingOf({ reviews: 0, stars: 0, good: 0 })]),
  );
  if (wanted.length === 0) return result;
  const rows =
    'productIds' in ids
      ? await db
          .selectFrom('productRatings')
          .select(['productId as id', 'reviews', 'stars', 'good'])
          .where('productId', 'in', [...wanted])
          .execute()
      : await db
          .selectFrom('shopRatings')
          .select(['shopId as id', 'reviews', 'stars', 'good'])
          .where('shopId', 'in', [...wanted])
          .execute();
  for (const r of rows) {
    result.set(Number(r.id), ratingOf({ reviews: r.reviews, stars: Number(r.stars), good: r.good }));
  }
  return result;
}

export interface ShopReviewFacts {
  shopId: number;
  /** Visible reviews written in the window. */
  reviews: number;
  /** Of those, rated ≤ 2 stars. */
  negative: number;
  /** Of those, rated ≥ 4 stars. */
  good: number;
}

/**
 * Each shop's visible reviews written in [from, to), with the negative (≤ 2 stars) and good (≥ 4)
 * ones: the experience score's review input. One grouped query; shops without reviews are absent.
 * A hidden review (blocked by screening, or an upheld malicious-review report) does not count, nor
 * one still held for review.
 */
export async function reviewFactsByShop(
  db: Executor,
  from: Date,
  to: Date,
  shopIds?: readonly number[],
): Promise<ShopReviewFacts[]> {
  if (shopIds && shopIds.length === 0) return [];
  let q = db
    .selectFrom('reviews')
    .select((eb) => [
      'shopId',
      eb.fn.countAll<string>().as('reviews'),
      sql<string>`count(*) filter (where rating <= ${NEGATIVE_RATING})`.as('negative'),
      sql<string>`count(*) filter (where rating >= ${GOOD_RATING})`.as('good'),
    ])
    .where('state', '=', 'visible')
    .where('createdAt', '>=', from)
    .where('createdAt', '<', to)
    .groupBy('shopId');
  if (shopIds) q = q.where('shopId', 'in', [...shopIds]);
  const rows = await q.execute();
  return rows.map((r) => ({
    shopId: Number(r.shopId),
    reviews: Number(r.reviews),
    negative: Number(r.negative),
    good: Number(r.good),
  }));
}
