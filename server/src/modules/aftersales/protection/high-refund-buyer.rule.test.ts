import { describe, expect, it } from 'vitest';
import { defaultPolicy } from '../../configuration/index.ts';
import { type HighRefundBuyerInput, highRefundBuyer } from './high-refund-buyer.rule.ts';

// Defaults: 90 days, 3 × the category average, at least 5 requests.
const policy = { highRefundBuyer: defaultPolicy.highRefundBuyer };

describe('highRefundBuyer', () => {
  it.each<{ name: string; input: HighRefundBuyerInput; expected: 'label' | 'none' }>([
    {
      name: '5 of 10 orders refunded where the category refunds 10%: 50% > 30%',
      input: { buyerOrders: 10, buyerRequests: 5, categoryAverageRateBp: 1_000 },
      expected: 'label',
    },
    {
      name: 'exactly 3 × the average is not above it',
      input: { buyerOrders: 20, buyerRequests: 6, categoryAverageRateBp: 1_000 },
      expected: 'none',
    },
    {
      name: 'just above 3 × the average',
      input: { buyerOrders: 20, buyerRequests: 7, categoryAverageRateBp: 1_000 },
      expected: 'label',
    },
    {
      name: 'a high rate with 4 requests is not enough requests',
      input: { buyerOrders: 4, buyerRequests: 4, categoryAverageRateBp: 500 },
      expected: 'none',
    },
    {
      name: 'many requests on many orders: an ordinary rate',
      input: { buyerOrders: 100, buyerRequests: 12, categoryAverageRateBp: 1_000 },
      expected: 'none',
    },
    {
      name: 'a category where returns are common (apparel 40%) tolerates more',
      input: { buyerOrders: 10, buyerRequests: 9, categoryAverageRateBp: 4_000 },
      expected: 'none',
    },
    {
      name: 'a category where nobody else refunds',
      input: { buyerOrders: 10, buyerRequests: 5, categoryAverageRateBp: 0 },
      expected: 'label',
    },
    {
      name: 'more requests than orders (several lines each)',
      input: { buyerOrders: 2, buyerRequests: 6, categoryAverageRateBp: 5_000 },
      expected: 'label',
    },
  ])('$name → $expected', ({ input, expected }) => {
    expect(highRefundBuyer(input, policy).outcome).toBe(expected);
  });

  it('follows the configured multiple and minimum', () => {
    const input = { buyerOrders: 10, buyerRequests: 3, categoryAverageRateBp: 1_000 };
    expect(highRefundBuyer(input, policy).outcome).toBe('none');
    const looser = { highRefundBuyer: { ...policy.highRefundBuyer, multipleBp: 20_000, minRequests: 3 } };
    expect(highRefundBuyer(input, looser).outcome).toBe('label');
  });

  it('explains itself with the numbers, in both languages', () => {
    const decision = highRefundBuyer(
      { buyerOrders: 10, buyerRequests: 5, categoryAverageRateBp: 1_000 },
      policy,
    );
    expect(decision.rule).toBe('high_refund_buyer');
    expect(decision.inputs).toMatchObject({
      rateBp: 5_000,
      thresholdBp: 3_000,
      buyerRequests: 5,
      buyerOrders: 10,
    });
    expect(decision.explanation.zh).toContain('90天');
    expect(decision.explanation.zh).toContain('退款率50%');
    expect(decision.explanation.zh).toContain('3倍为30%');
    expect(decision.explanation.en).toContain('5 refund requests on 10 orders in 90 days');
    expect(decision.explanation.en).toContain('labelled high-refund');
    const few = highRefundBuyer({ buyerOrders: 4, buyerRequests: 4, categoryAverageRateBp: 500 }, policy);
    expect(few.explanation.en).toContain('fewer than 5 requests');
  });
});
