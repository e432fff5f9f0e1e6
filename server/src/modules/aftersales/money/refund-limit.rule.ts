import type { Fen } from '../../../platform/money.ts';

export interface RefundLimitFacts {
  amountFen: Fen;
  order: { state: string; totalFen: Fen; shippingFen: Fen; refundedFen: Fen };
  /** The line refunded (what the buyer paid for it, what was refunded of it), or null for the whole order. */
  line: { paidFen: Fen; refundedFen: Fen } | null;
}

/**
 * Whether a refund stays within what was paid (product rules §5): the line's amount less its refunds,
 * and the order's less all of its refunds; §9: the last of an unshipped order's items returns its
 * shipping with them. Null when it does; else what it would pass and how much is left there. The same
 * rule as `requireRefundable` in refund-for-request.service.ts, as data for set-based callers.
 */
export function refundLimitRefusal(
  facts: RefundLimitFacts,
): { what: 'line' | 'order'; refundableFen: Fen } | null {
  const { amountFen, order, line } = facts;
  const orderLeft = order.totalFen - order.refundedFen;
  if (line !== null) {
    const left = line.paidFen - line.refundedFen;
    const lastWithShipping =
      order.state === 'paid' && amountFen === orderLeft && orderLeft - left === order.shippingFen;
    if (amountFen > left && !lastWithShipping) return { what: 'line', refundableFen: left };
  }
  if (amountFen > orderLeft) return { what: 'order', refundableFen: orderLeft };
  return null;
}
