import type { PaymentProvider } from './payment-provider.ts';
import { createSandboxProvider } from './payment-provider.ts';

export { EXECUTE_REFUND, EXPIRE_PAYMENT } from './deadline-kinds.ts';
export { paymentsOfOrder } from './order-payments.ts';
export { paymentDeadlineHandlers } from './payment-deadlines.ts';
export type { ChargeResult, PaymentProvider } from './payment-provider.ts';
export { paymentsRoutes } from './payments.routes.ts';
export { getPayment, PaymentService, type PaymentView, type PayOutcome } from './payments.service.ts';
export type { RefundState } from './payments.tables.ts';
export { refundTransitions } from './refund.machine.ts';
export {
  leftInEscrow,
  payingPayment,
  type RefundFilter,
  refundedFen,
  refundOfCause,
  refundsByLocalDay,
} from './refund-facts.ts';
export { type LineRefundFacts, refundFactsOfLine } from './refund-facts-of-line.ts';
export {
  markRefundSucceeded,
  refundsOfCause,
} from './refund-store.ts';
export { type RefundRequest, refundsOfOrder, requestRefunds } from './refunds.service.ts';
export {
  type OrderRefundFacts,
  refundedOfLines,
  refundFactsOfOrders,
  refundsOfCauses,
  requestRefundsMany,
} from './refunds-many.ts';

/** The provider this deployment uses: the sandbox until a real one is configured (one per caller). */
export function paymentProvider(): PaymentProvider {
  return createSandboxProvider();
}
export { paymentEvents } from './payments.events.ts';
