import { describe, expect, it } from 'vitest';
import { depositDiscountFen, depositDiscountVerdict } from './deposit-discount.rule.ts';

const terms = { minScore: 4.7, discountBp: 5_000 };

describe('deposit discount rule', () => {
  it.each([
    [4.7, { kind: 'discount', discountBp: 5_000 }],
    [4.95, { kind: 'discount', discountBp: 5_000 }],
    [4.69, { kind: 'score_below' }],
    [3.2, { kind: 'score_below' }],
    [null, { kind: 'not_enough_orders' }],
  ] as const)('score %s', (score, verdict) => {
    expect(depositDiscountVerdict(score, terms)).toEqual(verdict);
  });

  it('a discount of 0% is no discount', () => {
    expect(depositDiscountVerdict(4.9, { minScore: 4.7, discountBp: 0 })).toEqual({ kind: 'score_below' });
  });

  it.each([
    [2_000_000, 5_000, 1_000_000],
    [500_000, 2_500, 125_000],
    [333, 5_000, 167],
    [0, 5_000, 0],
  ])('%i fen less %i bp takes off %i fen', (required, bp, off) => {
    expect(depositDiscountFen(required, bp)).toBe(off);
  });
});
