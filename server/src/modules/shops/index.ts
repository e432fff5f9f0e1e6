export { shopTransitions } from './shop.machine.ts';
export { shopsRoutes } from './shops.routes.ts';
export {
  changeShopState,
  getShop,
  listShopsOf,
  requireShopMember,
  type Shop,
  shopNames,
} from './shops.service.ts';
export type { ShopRole, ShopState, ShopType } from './shops.tables.ts';
