import { describe, expect, it } from 'vitest';
import { defaultReputation } from '../configuration/sections/reputation.ts';
import { experienceScore } from './experience-score.rule.ts';
import type { MetricValues } from './metric-values.rule.ts';
import { ADVICE, scoreDrags } from './score-advice.rule.ts';

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

describe('what pulled the score down and how to fix it', () => {
  it.each([
    ['a perfect shop is pulled down by nothing', perfect, []],
    [
      // 品退率 15% costs 0.4 × 0.5 × 5 = 1; pickup 90% costs 0.3 × 0.4 × 1.5 = 0.18
      'the largest loss first',
      { ...perfect, quality_refund_rate: 1_500, pickup_in_time_rate: 9_000 },
      [
        ['quality_refund_rate', 1, 'check_quality_before_shipping'],
        ['pickup_in_time_rate', 0.18, 'ship_within_promise'],
      ],
    ],
    [
      'at most three (reputation.adviceCount)',
      {
        ...perfect,
        quality_refund_rate: 500,
        negative_review_rate: 1_500,
        delivery_hours: 168,
        refund_hours: 96,
      },
      [
        ['quality_refund_rate', 0.5, 'check_quality_before_shipping'],
        ['negative_review_rate', 0.36, 'answer_negative_reviews'],
        ['delivery_hours', 0.32, 'choose_faster_carrier'],
      ],
    ],
  ] as const)('%s', (_name, values, expected) => {
    const s = experienceScore(values, 100, defaultReputation);
    expect(s.drags.map((d) => [d.metric, d.lostPoints, d.advice])).toEqual(expected);
  });

  it('a loss under 0.01 points is not named', () => {
    const drags = scoreDrags(
      [{ metric: 'delivery_hours', dimension: 'logistics', value: 49, subScore: 4.98, share: 0.1 }],
      3,
    );
    expect(drags).toEqual([]);
  });

  it('every metric has advice', () => {
    for (const dims of Object.values(defaultReputation.metrics))
      for (const d of dims) expect(ADVICE[d.metric]).toMatch(/^[a-z_]+$/);
  });
});
