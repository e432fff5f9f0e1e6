import { describe, expect, it } from 'vitest';
import { couponDiscount } from './coupon-discount.rule.ts';
import { offer } from './test-offers.ts';

const threshold = offer({ kind: 'threshold', thresholdFen: 10_000, discountFen: 1_000 });
const ninePercentCapped = offer({ kind: 'percent', thresholdFen: 0, percentBp: 1_000, capFen: 3_000 });
const percentWithThreshold = offer({ kind: 'percent', thresholdFen: 5_000, percentBp: 500, capFen: null });
const noThreshold = offer({ kind: 'no_threshold', thresholdFen: 0, discountFen: 500 });

describe('couponDiscount', () => {
  it.each([
    ['满100减10 below the threshold', threshold, 9_999, 0],
    ['满100减10 at the threshold', threshold, 10_000, 1_000],
    ['满100减10 above the threshold', threshold, 25_000, 1_000],
    ['9折 takes 10%', ninePercentCapped, 12_345, 1_235],
    ['9折 rounds half up (one rounding rule)', ninePercentCapped, 5, 1],
    ['9折 is capped', ninePercentCapped, 50_000, 3_000],
    ['percent below its threshold', percentWithThreshold, 4_999, 0],
    ['percent at its threshold', percentWithThreshold, 5_000, 250],
    ['no-threshold on a larger amount', noThreshold, 2_000, 500],
    ['no-threshold never makes the items free', noThreshold, 300, 299],
    ['no-threshold on 1 fen takes nothing', noThreshold, 1, 0],
    ['nothing to discount', noThreshold, 0, 0],
    ['negative amount', threshold, -5, 0],
  ] as const)('%s', (_name, coupon, eligible, expected) => {
    expect(couponDiscount(coupon, eligible)).toBe(expected);
  });

  it('a 99.99% coupon still leaves 1 fen', () => {
    const almostFree = offer({ kind: 'percent', thresholdFen: 0, percentBp: 9_999, capFen: null });
    expect(couponDiscount(almostFree, 1)).toBe(0);
    expect(couponDiscount(almostFree, 100)).toBe(99);
  });
});
