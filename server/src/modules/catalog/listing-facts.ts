import { sql } from 'kysely';
import type { Executor } from '../../platform/db.ts';
import { type ShopType, shopTypeOf } from '../shops/index.ts';
import type { RegulatedType } from './catalog.tables.ts';
import type { QualificationCode } from './qualifications.ts';

export { originalPriceRatioOf } from './sku-prices.service.ts';

/** What the listing checkpoint weighs of a submitted product: its words, category and shop type. */
export interface ListingFacts {
  id: number;
  shopId: number;
  categoryId: number;
  brandId: number | null;
  title: string;
  description: string;
  qualificationNo: string | null;
  regulatedType: RegulatedType | null;
  requiredQualifications: QualificationCode[];
  shopType: ShopType;
}

/** The listing facts of a product (one query); throws when there is no such product. */
export async function listingFacts(db: Executor, productId: number): Promise<ListingFacts> {
  const row = await db
    .selectFrom('products as p')
    .innerJoin('categories as c', 'c.id', 'p.categoryId')
    .select([
      'p.id',
      'p.shopId',
      'p.categoryId',
      'p.brandId',
      'p.title',
      'p.description',
      'p.qualificationNo',
      'c.regulatedType',
      'c.requiredQualifications',
      shopTypeOf(sql.ref<number>('p.shopId')).as('shopType'),
    ])
    .where('p.id', '=', productId)
    .executeTakeFirstOrThrow();
  return { ...row, requiredQualifications: row.requiredQualifications as QualificationCode[] };
}

/**
 * The product's lowest SKU price and the median of the lowest prices of the other listed products of
 * its category, with how many there are (the checkpoint's price anomaly fact).
 */
export async function priceAgainstCategory(
  db: Executor,
  productId: number,
  categoryId: number,
): Promise<{ price: number | null; median: number | null; n: number }> {
  const row = await sql<{ price: number | null; median: number | null; n: number }>`
    with mine as (select min(price_fen) as price from skus where product_id = ${productId}),
    peers as (
      select min(k.price_fen) as price from products p join skus k on k.product_id = p.id
      where p.category_id = ${categoryId} and p.state = 'listed' and p.id <> ${productId}
      group by p.id
    )
    select (select price from mine)::bigint as price,
           (select percentile_cont(0.5) within group (order by price) from peers)::float8 as median,
           (select count(*) from peers)::int as n`.execute(db);
  return row.rows[0]!;
}
