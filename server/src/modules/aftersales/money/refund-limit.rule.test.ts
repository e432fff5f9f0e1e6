import { describe, expect, it } from 'vitest';
import { type RefundLimitFacts, refundLimitRefusal } from './refund-limit.rule.ts';

const order = (over: Partial<RefundLimitFacts['order']> = {}): RefundLimitFacts['order'] => ({
  state: 'delivered',
  totalFen: 10_000,
  shippingFen: 0,
  refundedFen: 0,
  ...over,
});

describe('refundLimitRefusal', () => {
  it.each<[string, RefundLimitFacts, ReturnType<typeof refundLimitRefusal>]>([
    ['the whole line', { amountFen: 6_000, order: order(), line: { paidFen: 6_000, refundedFen: 0 } }, null],
    [
      'a fen over the line',
      { amountFen: 6_001, order: order(), line: { paidFen: 6_000, refundedFen: 0 } },
      { what: 'line', refundableFen: 6_000 },
    ],
    [
      'what is left of a line refunded in part',
      {
        amountFen: 2_000,
        order: order({ refundedFen: 4_000 }),
        line: { paidFen: 6_000, refundedFen: 4_000 },
      },
      null,
    ],
    [
      'more than is left of the line',
      {
        amountFen: 2_001,
        order: order({ refundedFen: 4_000 }),
        line: { paidFen: 6_000, refundedFen: 4_000 },
      },
      { what: 'line', refundableFen: 2_000 },
    ],
    [
      'the last item of an unshipped order with its shipping',
      {
        amountFen: 6_500,
        order: order({ state: 'paid', totalFen: 10_500, shippingFen: 500, refundedFen: 4_000 }),
        line: { paidFen: 6_000, refundedFen: 0 },
      },
      null,
    ],
    [
      'the last item with shipping once shipped',
      {
        amountFen: 6_500,
        order: order({ state: 'shipped', totalFen: 10_500, shippingFen: 500, refundedFen: 4_000 }),
        line: { paidFen: 6_000, refundedFen: 0 },
      },
      { what: 'line', refundableFen: 6_000 },
    ],
    [
      'the line fits but the order is refunded already',
      { amountFen: 6_000, order: order({ refundedFen: 5_000 }), line: { paidFen: 6_000, refundedFen: 0 } },
      { what: 'order', refundableFen: 5_000 },
    ],
    ['the whole order', { amountFen: 10_000, order: order(), line: null }, null],
    [
      'over the order',
      { amountFen: 10_001, order: order(), line: null },
      { what: 'order', refundableFen: 10_000 },
    ],
  ])('%s', (_, facts, expected) => {
    expect(refundLimitRefusal(facts)).toEqual(expected);
  });
});
