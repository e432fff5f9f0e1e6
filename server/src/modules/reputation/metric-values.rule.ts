import type { ReputationMetric } from '../configuration/index.ts';

/** What the score is computed from, for one shop over the window (abusers' requests already excluded). */
export interface ScoreFacts {
  completedOrders: number;
  buyers: number;
  qualityRefunds: number;
  qualityComplaints: number;
  logisticsComplaints: number;
  excludedHighRefund: number;
  excludedFreightAbuse: number;
  medianMerchantResponseMs: number | null;
  medianRefundMs: number | null;
  arbitrations: number;
  arbitrationsLost: number;
  shipped: number;
  pickedUpInTime: number;
  medianDeliveryMs: number | null;
  reviews: number;
  negativeReviews: number;
  /** Chat sessions counted for the response metrics (§8.3), answered within 3 minutes, answered. */
  chatCounted: number;
  chatAnsweredIn3m: number;
  chatAnswered: number;
  chatFirstResponseMsSum: number;
  chatRated: number;
  chatGood: number;
}

export const noFacts: ScoreFacts = {
  completedOrders: 0,
  buyers: 0,
  qualityRefunds: 0,
  qualityComplaints: 0,
  logisticsComplaints: 0,
  excludedHighRefund: 0,
  excludedFreightAbuse: 0,
  medianMerchantResponseMs: null,
  medianRefundMs: null,
  arbitrations: 0,
  arbitrationsLost: 0,
  shipped: 0,
  pickedUpInTime: 0,
  medianDeliveryMs: null,
  reviews: 0,
  negativeReviews: 0,
  chatCounted: 0,
  chatAnsweredIn3m: 0,
  chatAnswered: 0,
  chatFirstResponseMsSum: 0,
  chatRated: 0,
  chatGood: 0,
};

/** Each metric's value; null when the window has nothing to measure it by (it then does not count). */
export type MetricValues = Record<ReputationMetric, number | null>;

/** Share in basis points (integer, half up); null without a base. */
export function rateBp(count: number, base: number): number | null {
  return base > 0 ? Math.round((count * 10_000) / base) : null;
}

/** A median duration in hours, one decimal. */
const hours = (ms: number | null) => (ms === null ? null : Math.round(ms / 360_000) / 10);

/**
 * The metrics of product rules §7.1 from a shop's facts: complaints, quality refunds and lost
 * arbitrations per completed order; negative reviews per review; pickups in time per shipment;
 * response, refund and delivery times as medians in hours; chat responses per counted session, the
 * first response as a mean in seconds (one decimal), good ratings per rated session (§8.3).
 */
export function metricValues(f: ScoreFacts): MetricValues {
  return {
    quality_refund_rate: rateBp(f.qualityRefunds, f.completedOrders),
    negative_review_rate: rateBp(f.negativeReviews, f.reviews),
    quality_complaint_rate: rateBp(f.qualityComplaints, f.completedOrders),
    pickup_in_time_rate: rateBp(f.pickedUpInTime, f.shipped),
    delivery_hours: hours(f.medianDeliveryMs),
    logistics_complaint_rate: rateBp(f.logisticsComplaints, f.completedOrders),
    merchant_response_hours: hours(f.medianMerchantResponseMs),
    refund_hours: hours(f.medianRefundMs),
    arbitration_lost_rate: rateBp(f.arbitrationsLost, f.completedOrders),
    chat_response_3m_rate: rateBp(f.chatAnsweredIn3m, f.chatCounted),
    chat_first_response_seconds:
      f.chatAnswered > 0 ? Math.round(f.chatFirstResponseMsSum / f.chatAnswered / 100) / 10 : null,
    chat_good_rating_rate: rateBp(f.chatGood, f.chatRated),
  };
}
