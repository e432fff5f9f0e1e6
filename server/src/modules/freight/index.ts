export { freightRoutes } from './freight.routes.ts';
export { ShippingTermsSchema } from './freight.schema.ts';
export type { FreightMode, RegionRule } from './freight.tables.ts';
export { type FeeItem, type FeeResult, type FeeTemplate, freightFee } from './freight-fee.rule.ts';
export {
  quoteShipping,
  type ShippingItem,
  type ShippingQuote,
  type ShippingWant,
  templateBelongsToShop,
} from './shipping-quote.ts';
export { type ShippingTerms, shippingTerms } from './shipping-terms.ts';
