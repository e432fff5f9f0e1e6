import type { ReputationDimension, ReputationMetric } from '../configuration/index.ts';
import { round2 } from './metric-score.rule.ts';

/** How to fix each metric: a code the web words in the reader's language. */
export const ADVICE: Record<ReputationMetric, string> = {
  quality_refund_rate: 'check_quality_before_shipping',
  negative_review_rate: 'answer_negative_reviews',
  quality_complaint_rate: 'match_listing_to_goods',
  pickup_in_time_rate: 'ship_within_promise',
  delivery_hours: 'choose_faster_carrier',
  logistics_complaint_rate: 'pack_and_track_parcels',
  merchant_response_hours: 'answer_aftersales_sooner',
  refund_hours: 'refund_sooner',
  arbitration_lost_rate: 'settle_before_arbitration',
  chat_response_3m_rate: 'staff_chat_in_hours',
  chat_first_response_seconds: 'answer_chat_sooner',
  chat_good_rating_rate: 'solve_before_closing_chat',
};

/** A metric's part in the score: its sub-score and its share of the whole score (0–1). */
export interface WeightedMetric {
  metric: ReputationMetric;
  dimension: ReputationDimension;
  value: number;
  subScore: number;
  share: number;
}

/** A metric that pulled the score down: the points it cost against full marks, and how to fix it. */
export interface ScoreDrag {
  metric: ReputationMetric;
  dimension: ReputationDimension;
  value: number;
  subScore: number;
  lostPoints: number;
  advice: string;
}

/**
 * What pulled the score down (product rules §7.1): the metrics that cost the most points of the
 * whole score against full marks, largest first, at most `count`; metrics at full marks (or costing
 * less than 0.01) are not named.
 */
export function scoreDrags(metrics: readonly WeightedMetric[], count: number): ScoreDrag[] {
  return metrics
    .map((m) => ({
      metric: m.metric,
      dimension: m.dimension,
      value: m.value,
      subScore: m.subScore,
      lostPoints: round2((5 - m.subScore) * m.share),
      advice: ADVICE[m.metric],
    }))
    .filter((d) => d.lostPoints >= 0.01)
    .sort((a, b) => b.lostPoints - a.lostPoints || a.metric.localeCompare(b.metric))
    .slice(0, count);
}
