import { describe, expect, it } from 'vitest';
import { defaultReputation, type ReputationConfig } from '../configuration/sections/reputation.ts';
import { experienceScore } from './experience-score.rule.ts';
import type { MetricValues } from './metric-values.rule.ts';

const perfect: MetricValues = {
  quality_refund_rate: 0,
  negative_review_rate: 0,
  quality_complaint_rate: 0,
  pickup_in_time_rate: 10_000,
  delivery_hours: 24,
  logistics_complaint_rate: 0,
  merchant_response_hours: 1,
  refund_hours: 6,
  arbitration_lost_rate: 0,
  // no chat sessions in the window: the chat metrics do not count (product rules §8.3)
  chat_response_3m_rate: null,
  chat_first_response_seconds: null,
  chat_good_rating_rate: null,
};
const unmeasured = Object.fromEntries(Object.keys(perfect).map((k) => [k, null])) as MetricValues;

describe('experienceScore: weighting of metrics and dimensions', () => {
  it.each([
    ['every metric at full marks', perfect, 5, 'excellent'],
    // product 40 × (0.5 × 0 + 0.3 × 5 + 0.2 × 5) / 100 → product 2.5, score 5 − 0.4 × 2.5 = 4
    ['品退率 at 15% (quality refunds sub-score 0)', { ...perfect, quality_refund_rate: 1_500 }, 4, 'fair'],
    // 品退率 2% → 4.0; product 0.5 × 4 + 0.5 × 5 = 4.5; score 0.4 × 4.5 + 0.6 × 5 = 4.8
    ['品退率 at 2%', { ...perfect, quality_refund_rate: 200 }, 4.8, 'excellent'],
    // pickup 90% → 3.5; logistics 0.4 × 3.5 + 0.6 × 5 = 4.4; score 0.3 × 4.4 + 0.7 × 5 = 4.82
    ['90% handed over in time', { ...perfect, pickup_in_time_rate: 9_000 }, 4.82, 'excellent'],
    // service: response 96 h → 0, refund 240 h → 0, arbitration 5 → service 1.5; score 3.5 + 0.45
    ['slow after-sales', { ...perfect, merchant_response_hours: 96, refund_hours: 240 }, 3.95, 'poor'],
    // chat at the §8.3 targets (each 4.5): service (35·5 + 35·5 + 30·5 + 40·4.5) / 140 = 4.857; score 3.5 + 1.457
    [
      'chat at its targets',
      {
        ...perfect,
        chat_response_3m_rate: 8_500,
        chat_first_response_seconds: 46.8,
        chat_good_rating_rate: 8_200,
      },
      4.96,
      'excellent',
    ],
    // chat at the bottom of its curves: service 500 / 140 = 3.571; score 3.5 + 1.071
    [
      'chat unanswered and badly rated',
      {
        ...perfect,
        chat_response_3m_rate: 5_000,
        chat_first_response_seconds: 600,
        chat_good_rating_rate: 5_000,
      },
      4.57,
      'good',
    ],
    ['nothing measured at all: full marks', unmeasured, 5, 'excellent'],
    // only product measured: its weight is the whole score
    ['only the product dimension measured', { ...unmeasured, quality_refund_rate: 200 }, 4, 'fair'],
  ] as const)('%s → %s (%s)', (_name, values, score, band) => {
    const s = experienceScore(values, 100, defaultReputation);
    expect(s.score).toBe(score);
    expect(s.band).toBe(band);
  });

  it('a metric with nothing to measure gives its weight to the others of its dimension', () => {
    const s = experienceScore(
      { ...perfect, negative_review_rate: null, quality_complaint_rate: null, quality_refund_rate: 200 },
      100,
      defaultReputation,
    );
    expect(s.dims.find((d) => d.dimension === 'product')!.score).toBe(4);
    expect(s.metrics.find((m) => m.metric === 'negative_review_rate')).toMatchObject({
      value: null,
      subScore: null,
    });
  });

  it('follows the configured dimension weights', () => {
    const config: ReputationConfig = {
      ...defaultReputation,
      weights: { product: 1, logistics: 1, service: 2 },
    };
    const s = experienceScore({ ...perfect, merchant_response_hours: 96, refund_hours: 240 }, 100, config);
    // service 1.5 with half the weight: 0.5 × 5 + 0.5 × 1.5
    expect(s.score).toBe(3.25);
  });

  it.each([
    [29, null, 'not_enough_orders'],
    [30, 4, 'fair'],
  ] as const)('%s completed orders (minimum 30) → score %s', (orders, score, band) => {
    const s = experienceScore({ ...perfect, quality_refund_rate: 1_500 }, orders, defaultReputation);
    expect(s.score).toBe(score);
    expect(s.band).toBe(band);
    expect(s.drags.length > 0).toBe(score !== null);
  });
});
