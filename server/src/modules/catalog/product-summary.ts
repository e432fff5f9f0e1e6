import { sql } from 'kysely';
import type { Executor } from '../../platform/db.ts';
import type { ProductState } from './catalog.tables.ts';
import { cardImageUrl } from './product-images.read.ts';

export interface ProductSummary {
  id: number;
  shopId: number;
  categoryId: number;
  title: string;
  /** The main uploaded image's thumbnail, else the image address the merchant gave. */
  imageUrl: string | null;
  state: ProductState;
  /** Commission the shop offers creators who pin it; null when not offered. */
  creatorCommissionBp: number | null;
  minPriceFen: number;
  /** The 划线价 of the cheapest SKU, shown struck through beside its price; null: none. */
  originalPriceFen: number | null;
  totalStock: number;
}

/** What other modules (live rooms, orders) need to know about products, by id. */
export async function getProductSummaries(
  db: Executor,
  productIds: readonly number[],
): Promise<ProductSummary[]> {
  if (productIds.length === 0) return [];
  return db
    .selectFrom('products as p')
    .select([
      'p.id',
      'p.shopId',
      'p.categoryId',
      'p.title',
      cardImageUrl.as('imageUrl'),
      'p.state',
      'p.creatorCommissionBp',
      sql<number>`coalesce((select min(s.price_fen) from skus s where s.product_id = p.id), 0)`.as(
        'minPriceFen',
      ),
      sql<
        number | null
      >`(select s.original_price_fen from skus s where s.product_id = p.id order by s.price_fen, s.id limit 1)`.as(
        'originalPriceFen',
      ),
      sql<number>`coalesce((select sum(s.stock) from skus s where s.product_id = p.id), 0)::int`.as(
        'totalStock',
      ),
    ])
    .where('p.id', 'in', productIds)
    .execute();
}

export async function getProductSummary(
  db: Executor,
  productId: number,
): Promise<ProductSummary | undefined> {
  const [summary] = await getProductSummaries(db, [productId]);
  return summary;
}

export interface SkuStock {
  skuId: number;
  productId: number;
  spec: string;
  priceFen: number;
  stock: number;
  purchaseLimit: number | null;
}

/** The SKUs of many products with their stock now, in SKU order (live rooms show and poll them). */
export async function getSkuStocks(db: Executor, productIds: readonly number[]): Promise<SkuStock[]> {
  if (productIds.length === 0) return [];
  return db
    .selectFrom('skus')
    .select(['id as skuId', 'productId', 'spec', 'priceFen', 'stock', 'purchaseLimit'])
    .where(sql<boolean>`product_id = any(${[...productIds]}::bigint[])`)
    .orderBy('id')
    .execute();
}
