export { endProbation, type ShopLifecycle, shopLifecycles } from './probation-exit.service.ts';
export { sellingShops } from './selling-shops.ts';
export { shopTransitions } from './shop.machine.ts';
export {
  isSellingShop,
  isShopOwner,
  SELLING_SHOP_STATES,
  shopCreatedAtOf,
  shopIsSelling,
  shopMainCategoryOf,
  shopNameOf,
  shopStateOf,
  shopTypeOf,
} from './shop-sql.ts';
export { type LiveHost, provideShopStanding, type ShopStanding, shopStanding } from './shop-standing.ts';
export { shopsRoutes } from './shops.routes.ts';
export {
  changeShopState,
  getShop,
  listShopsOf,
  probationLimitOf,
  requireShopMember,
  type Shop,
  shopMemberIds,
  shopNames,
} from './shops.service.ts';
export type { RiskTier, ShopRole, ShopState, ShopType } from './shops.tables.ts';
