import type { DeadlineAction, RequestType } from './aftersales.tables.ts';

/**
 * How the deadline runner does a request's default action in a batch (request-deadlines-many.ts):
 * - 'refund': approved, paid back from the order's money and ended (refund-only requests)
 * - 'approve_return': approved, the buyer gets the return address (returns and exchanges)
 * - 'move': approved, the request waits for the merchant's replacement (resend)
 * - 'close': closed (the buyer did not ship the return, or did not contest a rejection)
 * - 'one': fired on its own by the per-deadline handler (money from the deposit, a shipment to stop,
 *   return freight, arbitration): rare, and each with more to do than a shared statement can say.
 * Mirrors `approve` in request-steps.ts: a change there must change this table too.
 */
export type BatchStep = 'refund' | 'approve_return' | 'move' | 'close' | 'one';

export function batchStepOf(request: {
  type: RequestType;
  deadlineAction: DeadlineAction | null;
}): BatchStep {
  switch (request.deadlineAction) {
    case 'approve':
      switch (request.type) {
        case 'refund_only':
        case 'guarantee_claim':
          return 'refund';
        case 'return_refund':
        case 'exchange':
          return 'approve_return';
        case 'resend':
          return 'move';
        // refund_only_unshipped: the shipment is stopped and the order maybe cancelled, one by one
        default:
          return 'one';
      }
    case 'close':
      return 'close';
    default:
      return 'one';
  }
}
