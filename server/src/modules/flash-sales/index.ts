export { flashSaleTransitions } from './flash-sales.machine.ts';
export { flashSalesRoutes } from './flash-sales.routes.ts';
export { insertFlashSale } from './flash-sales.store.ts';
export type { FlashSaleState } from './flash-sales.tables.ts';
export { flashSaleDeadlineHandlers } from './flash-sales-deadlines.ts';
export {
  type ActiveFlashSale,
  activeFlashSales,
  type FlashTake,
  type FlashTakeOutcome,
  returnFlashStock,
  takeFlashStock,
  takeFlashStockOutcomes,
} from './flash-stock.ts';
