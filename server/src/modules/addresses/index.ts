export { type AddressInput, MAX_BUYER_ADDRESSES, maskPhone, PHONE_PATTERN } from './address.rule.ts';
export { addressesRoutes } from './addresses.routes.ts';
export {
  type AddressSnapshot,
  type BuyerAddress,
  checkoutAddresses,
  createBuyerAddress,
  type ShopAddress,
  shopAddress,
} from './addresses.service.ts';
export type { AddressesTables, ShopAddressKind } from './addresses.tables.ts';
export { isCountyCode, provinceOf, regionName } from './regions.ts';
export { returnAddressesOf } from './shop-addresses-many.ts';
