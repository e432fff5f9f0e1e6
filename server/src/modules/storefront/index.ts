export { storefrontRoutes } from './storefront.routes.ts';
export { type ShopReputation, shopReputations } from './storefront.service.ts';
