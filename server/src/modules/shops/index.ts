export { shopTransitions } from './shop.machine.ts';
export { shopsRoutes } from './shops.routes.ts';
export {
  changeShopState,
  getShop,
  listShopsOf,
  probationLimitOf,
  requireShopMember,
  type Shop,
  shopNames,
} from './shops.service.ts';
export type { RiskTier, ShopRole, ShopState, ShopType } from './shops.tables.ts';
