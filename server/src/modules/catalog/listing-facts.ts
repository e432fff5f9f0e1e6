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
  /**
   * The product's lowest SKU price, and the median of the lowest prices of the other listed products
   * of its category with how many there are (the checkpoint's price anomaly fact).
   */
  price: { price: number | null; median: number | null; n: number };
}

/** The listing facts of a product (one query); throws when there is no such product. */
export async function listingFacts(db: Executor, productId: number): Promise<ListingFacts> {
  const { rows } = await sql<
    Omit<ListingFacts, 'price' | 'requiredQualifications'> & {
      requiredQualifications: string[];
      price: number | null;
      median: number | null;
      n: number;
    }
  >`
    select p.id, p.shop_id, p.category_id, p.brand_id, p.title, p.description, p.qualification_no,
           c.regulated_type, c.required_qualifications, ${shopTypeOf(sql.ref('p.shop_id'))} as shop_type,
           pr.price, pr.median, pr.n
    from products p
    join categories c on c.id = p.category_id
    cross join lateral (
      select (select min(k.price_fen) from skus k where k.product_id = p.id)::bigint as price,
             (percentile_cont(0.5) within group (order by peers.price))::float8 as median,
             count(*)::int as n
      from (select min(k.price_fen) as price from products q join skus k on k.product_id = q.id
            where q.category_id = p.category_id and q.state = 'listed' and q.id <> p.id
            group by q.id) peers
    ) pr
    where p.id = ${productId}`.execute(db);
  const row = rows[0];
  if (!row) throw new Error(`no product ${productId}`);
  const { price, median, n, requiredQualifications, ...facts } = row;
  return {
    ...facts,
    requiredQualifications: requiredQualifications as QualificationCode[],
    price: { price, median, n },
  };
}
