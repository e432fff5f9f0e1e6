import { describe, expect, it } from 'vitest';
import { defaultReputation, type ReputationMetric } from '../configuration/sections/reputation.ts';
import { metricSubScore } from './metric-score.rule.ts';

const curveOf = (metric: ReputationMetric) => {
  const all = Object.values(defaultReputation.metrics).flat();
  return all.find((d) => d.metric === metric)!.curve;
};

describe('a metric’s sub-score from its default curve (product rules §7.1)', () => {
  it.each([
    // 品退率 in basis points of completed orders
    ['quality_refund_rate', 0, 5],
    ['quality_refund_rate', 50, 4.8],
    ['quality_refund_rate', 125, 4.4],
    ['quality_refund_rate', 200, 4],
    ['quality_refund_rate', 1_000, 1.25],
    ['quality_refund_rate', 5_000, 0],
    // negative reviews per review
    ['negative_review_rate', 100, 4.9],
    ['negative_review_rate', 500, 4.2],
    ['negative_review_rate', 3_000, 0],
    ['quality_complaint_rate', 0, 5],
    ['quality_complaint_rate', 100, 4],
    ['quality_complaint_rate', 300, 2],
    // higher is better: handed to the carrier by the ship-by promise
    ['pickup_in_time_rate', 10_000, 5],
    ['pickup_in_time_rate', 9_800, 4.8],
    ['pickup_in_time_rate', 9_000, 3.5],
    ['pickup_in_time_rate', 8_000, 1.75],
    ['pickup_in_time_rate', 5_000, 0],
    // median hours
    ['delivery_hours', 24, 5],
    ['delivery_hours', 72, 4.6],
    ['delivery_hours', 132, 3],
    ['delivery_hours', 500, 0],
    ['logistics_complaint_rate', 50, 4.8],
    ['logistics_complaint_rate', 500, 2],
    ['merchant_response_hours', 2, 5],
    ['merchant_response_hours', 24, 4.2],
    ['merchant_response_hours', 72, 1.5],
    ['refund_hours', 12, 5],
    ['refund_hours', 36, 4.5],
    ['refund_hours', 240, 0],
    ['arbitration_lost_rate', 0, 5],
    ['arbitration_lost_rate', 30, 4.4],
    ['arbitration_lost_rate', 125, 2],
  ] as const)('%s at %s → %s', (metric, value, score) => {
    expect(metricSubScore(value, curveOf(metric))).toBe(score);
  });

  it('takes the points in order of value however they are stored', () => {
    const curve = [
      { value: 100, score: 0 },
      { value: 0, score: 5 },
    ];
    expect(metricSubScore(50, curve)).toBe(2.5);
  });

  it('a step (two points at one value) takes the later score from that value on', () => {
    const curve = [
      { value: 0, score: 5 },
      { value: 10, score: 5 },
      { value: 10, score: 1 },
    ];
    expect(metricSubScore(9, curve)).toBe(5);
    expect(metricSubScore(10, curve)).toBe(1);
    expect(metricSubScore(11, curve)).toBe(1);
  });
});
