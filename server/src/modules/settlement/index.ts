export { type ShopBalances, shopBalances } from './balances.service.ts';
export { DEPOSIT_TOP_UP } from './deadline-kinds.ts';
export { type DeductionResult, type DepositDeduction, deductDeposit } from './deposit-deduction.service.ts';
export { type DepositDiscount, provideDepositDiscount } from './deposit-discount.ts';
export { depositRoutes } from './deposits.routes.ts';
export { getOrderSettlement, type OrderSettlement } from './order-settlement.ts';
export { ordersWithSettlement } from './order-settlements-many.ts';
export { proRata } from './pro-rata.rule.ts';
export { releaseIfUnheld } from './settle-order.service.ts';
export type { SettlementErrorCode } from './settlement.errors.ts';
export { settlementEvents } from './settlement.events.ts';
export { settlementRoutes } from './settlement.routes.ts';
export { BalancesSchema } from './settlement.schema.ts';
export type { HoldReason, SettlementState } from './settlement.tables.ts';
export { settlementDeadlineHandlers } from './settlement-deadlines.ts';
export { provideSettlementHooks, type SettlementHooks } from './settlement-hooks.ts';
export {
  type DiscountedRequirement,
  lockShopStatus,
  shopDepositRequirement,
} from './shop-position.service.ts';
