import { describe, expect, it } from 'vitest';
import { type ReputationRules, rulesFromValues, valuesOf } from './reputation-config.ts';

const rules = {
  windowDays: 30,
  minCompletedOrders: 30,
  adviceCount: 3,
  recomputeCooldownMinutes: 10,
  weights: { product: 40, logistics: 30, service: 30 },
  metrics: {
    product: [
      {
        metric: 'quality_refund_rate',
        weight: 100,
        curve: [
          { value: 0, score: 5 },
          { value: 500, score: 0 },
        ],
      },
    ],
    logistics: [
      {
        metric: 'delivery_hours',
        weight: 100,
        curve: [
          { value: 48, score: 5 },
          { value: 336, score: 0 },
        ],
      },
    ],
    service: [
      {
        metric: 'refund_hours',
        weight: 100,
        curve: [
          { value: 12, score: 5 },
          { value: 240, score: 0 },
        ],
      },
    ],
  },
} as ReputationRules;

describe('the rules form', () => {
  it('sends back what it shows when nothing changed', () => {
    expect(rulesFromValues(rules, valuesOf(rules))).toEqual(rules);
  });

  it('sends an edited point and a non-number as null (the server names that field)', () => {
    const values = { ...valuesOf(rules), 'metrics.product.0.curve.1.value': '300', 'weights.service': 'abc' };
    const sent = rulesFromValues(rules, values) as ReputationRules;
    expect(sent.metrics.product[0]!.curve[1]).toEqual({ value: 300, score: 0 });
    expect(sent.weights.service).toBeNull();
  });
});
