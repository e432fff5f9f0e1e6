export { DEPOSIT_TOP_UP } from './deadline-kinds.ts';
export { type DeductionResult, type DepositDeduction, deductDeposit } from './deposit-deduction.service.ts';
export { depositRoutes } from './deposits.routes.ts';
export { getOrderSettlement, type OrderSettlement } from './order-settlement.ts';
export type { SettlementErrorCode } from './settlement.errors.ts';
export { settlementRoutes } from './settlement.routes.ts';
export type { HoldReason, SettlementState } from './settlement.tables.ts';
export { settlementDeadlineHandlers } from './settlement-deadlines.ts';
export { lockShopStatus } from './shop-position.service.ts';
