export type { ProductState, RegulatedType } from './catalog.tables.ts';
export { getProductSummaries, getProductSummary, type ProductSummary } from './product-summary.ts';
