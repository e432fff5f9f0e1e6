import { type Expression, type RawBuilder, sql } from 'kysely';
import type { ShopState, ShopType } from './shops.tables.ts';

// Set-based reads of other modules (catalog's search, listing and deposit terms) need a shop fact per
// row. Rather than a join of this module's table in their queries, they embed these fragments: the
// SQL of the shops table stays here, the caller passes the column that holds the shop id.

/** States whose shops sell: buyers see their goods and they may submit products (product rules §2). */
export const SELLING_SHOP_STATES = ['probation', 'active', 'restricted'] as const satisfies ShopState[];

export const isSellingShop = (state: ShopState): boolean => SELLING_SHOP_STATES.some((s) => s === state);

/** True where the shop whose id `shopId` holds is selling. */
export function shopIsSelling(shopId: Expression<number>): RawBuilder<boolean> {
  return sql<boolean>`${shopId} in (select s.id from shops s where s.state in (${sql.join(SELLING_SHOP_STATES)}))`;
}

/** The name of the shop whose id `shopId` holds (a scalar subquery). */
export function shopNameOf(shopId: Expression<number>): RawBuilder<string> {
  return sql<string>`(select s.name from shops s where s.id = ${shopId})`;
}

/** The state of the shop whose id `shopId` holds (a scalar subquery). */
export function shopStateOf(shopId: Expression<number>): RawBuilder<ShopState> {
  return sql<ShopState>`(select s.state from shops s where s.id = ${shopId})`;
}

/** The main category of the shop whose id `shopId` holds (a scalar subquery). */
export function shopMainCategoryOf(shopId: Expression<number>): RawBuilder<number> {
  return sql<number>`(select s.main_category_id from shops s where s.id = ${shopId})`;
}

/** The type of the shop whose id `shopId` holds (a scalar subquery). */
export function shopTypeOf(shopId: Expression<number>): RawBuilder<ShopType> {
  return sql<ShopType>`(select s.type from shops s where s.id = ${shopId})`;
}

/** When the shop whose id `shopId` holds opened (a scalar subquery): new-merchant rules count from it. */
export function shopCreatedAtOf(shopId: Expression<number>): RawBuilder<Date> {
  return sql<Date>`(select s.created_at from shops s where s.id = ${shopId})`;
}

/** True where the account whose id `userId` holds is the owner of the shop whose id `shopId` holds. */
export function isShopOwner(shopId: Expression<number>, userId: Expression<number>): RawBuilder<boolean> {
  return sql<boolean>`exists (select 1 from shop_members m where m.shop_id = ${shopId} and m.user_id = ${userId} and m.role = 'owner')`;
}
