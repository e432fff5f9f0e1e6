import { type RawBuilder, sql } from 'kysely';

/**
 * Rows (product_id, shop_id, category_id, title), one per product: a sub-query other modules join in
 * their own set-based statements (a daily refresh over a window's orders, a list of flagged products)
 * without naming catalog's tables. PostgreSQL plans it as if written inline.
 */
export function productOwners(): RawBuilder<{
  productId: number;
  shopId: number;
  categoryId: number;
  title: string;
}> {
  return sql`select p.id as product_id, p.shop_id, p.category_id, p.title from products p`;
}
