import type { AftersalesPolicy } from '../../configuration/index.ts';
import { isQualityReason } from '../reasons.ts';
import { ratioBp } from './ratio.ts';

/** An order as the quality-refund rate sees it. */
export interface QualityRefundOrder {
  paidAt: Date;
  deliveredAt: Date | null;
  /** The order's first refund request (later ones never count), or null. */
  firstRefund: {
    at: Date;
    reason: string;
    /** A guarantee claim that ended refunded or resolved: the merchant honoured the guarantee. */
    handledUnderGuarantee: boolean;
  } | null;
}

export interface QualityRefundRate {
  eligible: number;
  qualityRefunds: number;
  rateBp: number;
}

/**
 * 品退率 (product rules §5): among orders delivered within the window (14 days) of payment, the share
 * whose first refund, asked within the window of payment, cites a quality reason. Only the first
 * refund counts: a buyer who first asks for a no-reason return and later claims a defect does not
 * make the order a quality refund. An order whose first refund in the window was properly handled
 * under a guarantee leaves both the numerator and the denominator. Both bounds are inclusive.
 */
export function qualityRefundRate(
  orders: readonly QualityRefundOrder[],
  policy: Pick<AftersalesPolicy, 'qualityRefundWindowMs'>,
): QualityRefundRate {
  const windowMs = policy.qualityRefundWindowMs;
  const within = (at: Date, paidAt: Date) => at.getTime() - paidAt.getTime() <= windowMs;
  let eligible = 0;
  let qualityRefunds = 0;
  for (const order of orders) {
    if (order.deliveredAt === null || !within(order.deliveredAt, order.paidAt)) continue;
    const refund = order.firstRefund && within(order.firstRefund.at, order.paidAt) ? order.firstRefund : null;
    if (refund?.handledUnderGuarantee) continue;
    eligible += 1;
    if (refund && isQualityReason(refund.reason)) qualityRefunds += 1;
  }
  return { eligible, qualityRefunds, rateBp: ratioBp(qualityRefunds, eligible) };
}
