import { describe, expect, it } from 'vitest';
import {
  type SettlementSplit,
  type SplitInput,
  type SplitLine,
  splitSettlement,
} from './settlement-split.rule.ts';

const line = (paidFen: number, platformCommissionBp: number, creatorCommissionBp = 0): SplitLine => ({
  paidFen,
  platformCommissionBp,
  creatorCommissionBp,
});
const three = [line(9_900, 500, 1_000), line(1_990, 200, 0), line(3_333, 600, 1_500)];

const cases: Array<{ name: string; input: SplitInput; expected: SettlementSplit }> = [
  {
    name: 'one line, no live room: 5% to the platform, the rest to the merchant',
    input: { paidFen: 9_900, refundedFen: 0, lines: [line(9_900, 500)], hasCreator: false },
    expected: {
      settledFen: 9_900,
      platformCommissionFen: 495,
      creatorCommissionFen: 0,
      subsidyFen: 0,
      merchantFen: 9_405,
    },
  },
  {
    name: 'a live line: 5% platform, 10% to the host',
    input: { paidFen: 9_900, refundedFen: 0, lines: [line(9_900, 500, 1_000)], hasCreator: true },
    expected: {
      settledFen: 9_900,
      platformCommissionFen: 495,
      creatorCommissionFen: 990,
      subsidyFen: 0,
      merchantFen: 8_415,
    },
  },
  {
    name: 'rounding half up per line (99.95 → 100, 66.57 → 67)',
    input: { paidFen: 1_999, refundedFen: 0, lines: [line(1_999, 500, 333)], hasCreator: true },
    expected: {
      settledFen: 1_999,
      platformCommissionFen: 100,
      creatorCommissionFen: 67,
      subsidyFen: 0,
      merchantFen: 1_832,
    },
  },
  {
    name: 'exactly half a fen rounds up',
    input: { paidFen: 40, refundedFen: 0, lines: [line(10, 500), line(30, 500)], hasCreator: false },
    expected: {
      settledFen: 40,
      platformCommissionFen: 3,
      creatorCommissionFen: 0,
      subsidyFen: 0,
      merchantFen: 37,
    },
  },
  {
    name: 'several lines at their own rates, summed after rounding each',
    input: { paidFen: 15_223, refundedFen: 0, lines: three, hasCreator: true },
    expected: {
      settledFen: 15_223,
      platformCommissionFen: 735,
      creatorCommissionFen: 1_490,
      subsidyFen: 0,
      merchantFen: 12_998,
    },
  },
  {
    name: 'the same lines without a host to pay: no creator commission',
    input: { paidFen: 15_223, refundedFen: 0, lines: three, hasCreator: false },
    expected: {
      settledFen: 15_223,
      platformCommissionFen: 735,
      creatorCommissionFen: 0,
      subsidyFen: 0,
      merchantFen: 14_488,
    },
  },
  {
    name: 'half refunded: commissions halve',
    input: { paidFen: 10_000, refundedFen: 5_000, lines: [line(10_000, 500, 1_000)], hasCreator: true },
    expected: {
      settledFen: 5_000,
      platformCommissionFen: 250,
      creatorCommissionFen: 500,
      subsidyFen: 0,
      merchantFen: 4_250,
    },
  },
  {
    name: 'a third refunded',
    input: { paidFen: 9_900, refundedFen: 3_300, lines: [line(9_900, 500, 1_000)], hasCreator: true },
    expected: {
      settledFen: 6_600,
      platformCommissionFen: 330,
      creatorCommissionFen: 660,
      subsidyFen: 0,
      merchantFen: 5_610,
    },
  },
  {
    name: '1 fen refunded: commissions round back to the full amount',
    input: { paidFen: 999, refundedFen: 1, lines: [line(999, 500, 1_000)], hasCreator: true },
    expected: {
      settledFen: 998,
      platformCommissionFen: 50,
      creatorCommissionFen: 100,
      subsidyFen: 0,
      merchantFen: 848,
    },
  },
  {
    name: 'two roundings up never take more than is left',
    input: { paidFen: 2, refundedFen: 1, lines: [line(2, 5_000, 5_000)], hasCreator: true },
    expected: {
      settledFen: 1,
      platformCommissionFen: 1,
      creatorCommissionFen: 0,
      subsidyFen: 0,
      merchantFen: 0,
    },
  },
  {
    name: 'fully refunded: nothing to settle',
    input: { paidFen: 9_900, refundedFen: 9_900, lines: [line(9_900, 500, 1_000)], hasCreator: true },
    expected: {
      settledFen: 0,
      platformCommissionFen: 0,
      creatorCommissionFen: 0,
      subsidyFen: 0,
      merchantFen: 0,
    },
  },
  {
    name: 'rates past 100%: the creator gets what the platform leaves, the merchant nothing',
    input: { paidFen: 1_000, refundedFen: 0, lines: [line(1_000, 8_000, 5_000)], hasCreator: true },
    expected: {
      settledFen: 1_000,
      platformCommissionFen: 800,
      creatorCommissionFen: 200,
      subsidyFen: 0,
      merchantFen: 0,
    },
  },
  {
    name: 'paid above the lines (e.g. a fee): commission on lines only, the rest to the merchant',
    input: { paidFen: 10_500, refundedFen: 0, lines: [line(10_000, 500)], hasCreator: false },
    expected: {
      settledFen: 10_500,
      platformCommissionFen: 500,
      creatorCommissionFen: 0,
      subsidyFen: 0,
      merchantFen: 10_000,
    },
  },
  {
    name: 'a platform coupon: commission on what was paid, the discount paid to the merchant',
    input: {
      paidFen: 9_000,
      refundedFen: 0,
      lines: [line(9_000, 500)],
      hasCreator: false,
      platformDiscountFen: 1_000,
    },
    expected: {
      settledFen: 9_000,
      platformCommissionFen: 450,
      creatorCommissionFen: 0,
      subsidyFen: 1_000,
      merchantFen: 9_550,
    },
  },
  {
    name: 'a platform coupon, a third refunded: the subsidy shrinks pro rata too',
    input: {
      paidFen: 9_000,
      refundedFen: 3_000,
      lines: [line(9_000, 500)],
      hasCreator: false,
      platformDiscountFen: 1_500,
    },
    expected: {
      settledFen: 6_000,
      platformCommissionFen: 300,
      creatorCommissionFen: 0,
      subsidyFen: 1_000,
      merchantFen: 6_700,
    },
  },
  {
    name: "shipping carries no commission; the platform discount is the merchant's",
    input: {
      paidFen: 8_800,
      refundedFen: 0,
      lines: [line(8_000, 500, 1_000)],
      hasCreator: true,
      platformDiscountFen: 2_000,
    },
    expected: {
      settledFen: 8_800,
      platformCommissionFen: 400,
      creatorCommissionFen: 800,
      subsidyFen: 2_000,
      merchantFen: 9_600,
    },
  },
  {
    name: 'fully refunded with a platform coupon: no subsidy either',
    input: {
      paidFen: 9_000,
      refundedFen: 9_000,
      lines: [line(9_000, 500)],
      hasCreator: false,
      platformDiscountFen: 1_000,
    },
    expected: {
      settledFen: 0,
      platformCommissionFen: 0,
      creatorCommissionFen: 0,
      subsidyFen: 0,
      merchantFen: 0,
    },
  },
];

describe('splitSettlement', () => {
  it.each(cases)('$name', ({ input, expected }) => {
    const split = splitSettlement(input);
    expect(split).toEqual(expected);
    expect(split.platformCommissionFen + split.creatorCommissionFen + split.merchantFen).toBe(
      split.settledFen + split.subsidyFen,
    );
  });

  it.each([
    ['a refund above the paid amount', { paidFen: 100, refundedFen: 101, lines: [], hasCreator: false }],
    ['a negative refund', { paidFen: 100, refundedFen: -1, lines: [], hasCreator: false }],
    ['a fractional paid amount', { paidFen: 99.5, refundedFen: 0, lines: [], hasCreator: false }],
    [
      'lines worth more than was paid',
      { paidFen: 100, refundedFen: 0, lines: [line(10_000, 500)], hasCreator: false },
    ],
  ])('refuses %s', (_name, input) => {
    expect(() => splitSettlement(input)).toThrow(RangeError);
  });
});
