export type { FreightMode, RegionRule } from './freight.tables.ts';
export { type FeeItem, type FeeResult, type FeeTemplate, freightFee } from './freight-fee.rule.ts';
export {
  quoteShipping,
  type ShippingItem,
  type ShippingQuote,
  type ShippingWant,
  templateBelongsToShop,
} from './shipping-quote.ts';
