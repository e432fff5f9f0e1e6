import { type Expression, type RawBuilder, sql } from 'kysely';
import type { Executor } from '../../platform/db.ts';
import { indexWords } from '../../platform/segment.ts';
import { shopIsSelling } from '../shops/index.ts';
import { cardImageUrl } from './product-images.read.ts';

// Catalog's search side (product rules §7.4): each product's title, brand and category name cut into
// words by jieba and kept as a 'simple' tsvector (products.search_tsv, GIN-indexed) in step with the
// title. Discovery ranks what these fragments select; the products table stays catalog's.

/** Re-indexes the given products' words (after a title, brand or category change). */
export async function reindexSearchText(db: Executor, productIds: readonly number[]): Promise<void> {
  if (productIds.length === 0) return;
  const rows = await db
    .selectFrom('products as p')
    .innerJoin('categories as c', 'c.id', 'p.categoryId')
    .leftJoin('brands as b', 'b.id', 'p.brandId')
    .select(['p.id', 'p.title', 'b.name as brandName', 'c.name as categoryName'])
    .where('p.id', 'in', productIds)
    .execute();
  if (rows.length === 0) return;
  const ids = rows.map((r) => r.id);
  const texts = rows.map((r) => indexWords([r.title, r.brandName ?? '', r.categoryName].join(' ')));
  await sql`
    update products p set search_tsv = to_tsvector('simple', t.words)
    from unnest(${ids}::bigint[], ${texts}::text[]) as t(id, words)
    where p.id = t.id`.execute(db);
}

/** Indexes products that have no words yet (rows of before the index), a batch at a time. */
export async function backfillSearchText(db: Executor, batch = 2_000): Promise<number> {
  let done = 0;
  for (;;) {
    const ids = await db
      .selectFrom('products')
      .select('id')
      .where(sql<boolean>`search_tsv is null`)
      .orderBy('id')
      .limit(batch)
      .execute();
    if (ids.length === 0) return done;
    await reindexSearchText(
      db,
      ids.map((r) => r.id),
    );
    done += ids.length;
  }
}

/** The tsquery of a buyer's query words (every word must match); null when there is none. */
export function searchQuerySql(words: readonly string[]): RawBuilder<unknown> | null {
  return words.length === 0 ? null : sql`plainto_tsquery('simple', ${words.join(' ')})`;
}

/** A filter on listed products of selling shops, as discovery ranks them. */
export interface ListedFilter {
  /** tsquery from `searchQuerySql`, or null for every product. */
  query: RawBuilder<unknown> | null;
  categoryIds?: readonly number[];
  shopId?: number;
  minPriceFen?: number;
  maxPriceFen?: number;
  guarantees?: readonly string[];
  productIds?: readonly number[];
}

/**
 * The rows a ranked product list starts from, as a sub-select with columns id, shop_id and relevance
 * (ts_rank normalised by the title's length; 1 without a query), and min_price_fen when `withPrice`
 * (sorting by price). Listed products of selling shops only. Card columns come after the page is cut
 * (`productCards`), so a search over many matches computes them for the page alone.
 */
export function listedProductsSql(filter: ListedFilter, withPrice = false): RawBuilder<unknown> {
  const p = sql.ref('p.shop_id') as Expression<number>;
  const conditions = [sql`p.state = 'listed'`, shopIsSelling(p)];
  if (filter.query) conditions.push(sql`p.search_tsv @@ ${filter.query}`);
  if (filter.categoryIds) conditions.push(sql`p.category_id = any(${filter.categoryIds}::bigint[])`);
  if (filter.shopId !== undefined) conditions.push(sql`p.shop_id = ${filter.shopId}`);
  if (filter.productIds) conditions.push(sql`p.id = any(${filter.productIds}::bigint[])`);
  if (filter.guarantees?.length)
    conditions.push(sql`(p.guarantees || (select c.default_guarantees from categories c where c.id = p.category_id))
      @> ${filter.guarantees}::text[]`);
  const price = sql`(select min(k.price_fen) from skus k where k.product_id = p.id)`;
  if (filter.minPriceFen !== undefined) conditions.push(sql`${price} >= ${filter.minPriceFen}`);
  if (filter.maxPriceFen !== undefined) conditions.push(sql`${price} <= ${filter.maxPriceFen}`);
  const relevance = filter.query ? sql`ts_rank(p.search_tsv, ${filter.query}, 1)` : sql`1.0`;
  return sql`(
    select p.id, p.shop_id, ${relevance}::float8 as relevance
      ${withPrice ? sql`, coalesce(${price}, 0)::bigint as min_price_fen` : sql``}
    from products p
    where ${sql.join(conditions, sql` and `)})`;
}

/** What a product card shows: title, card image, lowest price, effective guarantee codes. */
export interface ProductCard {
  id: number;
  title: string;
  imageUrl: string | null;
  minPriceFen: number;
  guarantees: string[];
}

/** The cards of the given products (any state), one query. */
export async function productCards(db: Executor, ids: readonly number[]): Promise<Map<number, ProductCard>> {
  if (ids.length === 0) return new Map();
  const result = await sql<ProductCard>`
    select p.id, p.title, ${cardImageUrl} as "imageUrl",
      coalesce((select min(k.price_fen) from skus k where k.product_id = p.id), 0)::bigint as "minPriceFen",
      array(select distinct g from unnest(p.guarantees || c.default_guarantees) g order by g) as guarantees
    from products p join categories c on c.id = p.category_id
    where p.id = any(${ids}::bigint[])`.execute(db);
  return new Map(result.rows.map((r) => [r.id, { ...r, minPriceFen: Number(r.minPriceFen) }]));
}

/**
 * How complete a listing is, in basis points: an image (4,000), a second image (2,000), a description
 * of 20 characters or more (3,000), a brand (1,000). Over the product id of the caller's row.
 */
export function listingCompletenessSql(productId: Expression<number>): RawBuilder<number> {
  return sql<number>`(select
      (case when p.image_url is not null or exists (select 1 from product_images i where i.product_id = p.id) then 4000 else 0 end)
    + (case when (select count(*) from product_images i where i.product_id = p.id) >= 2 then 2000 else 0 end)
    + (case when char_length(p.description) >= 20 then 3000 else 0 end)
    + (case when p.brand_id is not null then 1000 else 0 end)
    from products p where p.id = ${productId})::int`;
}

/** Listed products (id, shop) of selling shops, a page at a time after `afterId`, for a rank refresh. */
export async function listedProductIds(
  db: Executor,
  opts: { afterId: number; limit: number; shopIds?: readonly number[] },
): Promise<{ id: number; shopId: number }[]> {
  return db
    .selectFrom('products as p')
    .select(['p.id', 'p.shopId'])
    .where('p.state', '=', 'listed')
    .where(shopIsSelling(sql.ref('p.shopId')))
    .where('p.id', '>', opts.afterId)
    .$if(opts.shopIds !== undefined, (q) => q.where('p.shopId', 'in', opts.shopIds!))
    .orderBy('p.id')
    .limit(opts.limit)
    .execute();
}
