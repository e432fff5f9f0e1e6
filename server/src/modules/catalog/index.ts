export { brandNameOf } from './brand-sql.ts';
export { brandExists } from './brands.service.ts';
export { catalogEvents } from './catalog.events.ts';
export { catalogRoutes } from './catalog.routes.ts';
export type { ProductState, RegulatedType } from './catalog.tables.ts';
export { type Category, findCategory, getCategory, subtreeIds } from './categories.service.ts';
export { type GuaranteeTraits, guaranteeRefusal } from './category-guarantees.rule.ts';
export { type CategoryTraits, categoryTraitsOfProduct } from './category-traits.ts';
export { type ChatProductFacts, productChatFacts } from './chat-product-facts.ts';
export { returnStock, type SkuSaleFacts, skuSaleFacts, takeStock } from './checkout-stock.ts';
export { type CategoryDepositTerms, depositTermsOfShop } from './deposit-terms.ts';
export {
  effectiveGuarantees,
  GUARANTEE_CODES,
  GUARANTEES,
  type Guarantee,
  type GuaranteeCode,
  isGuaranteeCode,
} from './guarantees.ts';
export { listedProductCounts } from './listed-product-counts.ts';
export {
  type ListingFacts,
  listingFacts,
  originalPriceRatioOf,
} from './listing-facts.ts';
export { humanReviewOnly, type ListingGate } from './listing-gate.ts';
export { productTransitions } from './product.machine.ts';
export { getAnyProduct, getShopProduct, type ManagedProduct, reviewQueue } from './product-query.service.ts';
export type { UnitsSold } from './product-sales.ts';
export { productOwners } from './product-sets.ts';
export {
  changeProductState,
  listingCaseHook,
  type ProductEvent,
  reviewProduct,
} from './product-state.service.ts';
export {
  getProductSummaries,
  getProductSummary,
  getSkuStocks,
  type ProductSummary,
  type SkuStock,
} from './product-summary.ts';
export { QUALIFICATION_CODES, QUALIFICATIONS, type QualificationCode } from './qualifications.ts';
export {
  backfillSearchText,
  type ListedFilter,
  listedProductIds,
  listedProductsSql,
  listingCompletenessSql,
  type ProductCard,
  productCards,
  reindexSearchText,
  searchQuerySql,
} from './search-index.ts';
export { parseStockTicks, SKU_STOCK_CHANNEL, type StockTick } from './stock-ticks.ts';
export {
  TRUST_GUARANTEES,
  type TrustGuaranteeCoverage,
  trustGuaranteeCoverage,
  type UncoveredProduct,
  uncoveredProducts,
} from './trust-guarantees.ts';
