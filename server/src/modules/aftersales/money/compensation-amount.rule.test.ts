import { describe, expect, it } from 'vitest';
import { defaultPolicy } from '../../configuration/index.ts';
import { compensationAmount } from './compensation-amount.rule.ts';

const late = defaultPolicy.lateShipment; // 10%, ¥5–¥30
const fake = defaultPolicy.fakeShipment; // 30%, ¥5–¥200

describe('compensationAmount', () => {
  it.each([
    ['a ¥3 order still gets the ¥5 minimum', 300, late, 500],
    ['10% of ¥49.99 rounds to ¥5.00: the minimum', 4_999, late, 500],
    ['10% of ¥50.05 = ¥5.005 rounds half up to ¥5.01', 5_005, late, 501],
    ['10% of ¥50.04 = ¥5.004 rounds down to ¥5.00', 5_004, late, 500],
    ['10% of ¥123.45 = ¥12.35 (half up)', 12_345, late, 1_235],
    ['10% of ¥300 is exactly the ¥30 maximum', 30_000, late, 3_000],
    ['10% of ¥300.05 is capped at ¥30', 30_005, late, 3_000],
    ['10% of ¥9,999 is capped at ¥30', 999_900, late, 3_000],
    ['nothing paid still gets the minimum', 0, late, 500],
    ['fake shipment: 30% of ¥10 is below the ¥5 minimum', 1_000, fake, 500],
    ['fake shipment: 30% of ¥99 = ¥29.70', 9_900, fake, 2_970],
    ['fake shipment: 30% of ¥666.67 = ¥200.001 rounds to the ¥200 maximum', 66_667, fake, 20_000],
    ['fake shipment: 30% of ¥1,000 is capped at ¥200', 100_000, fake, 20_000],
  ])('%s', (_, paidFen, terms, expected) => {
    expect(compensationAmount(paidFen, terms)).toBe(expected);
  });

  it('refuses a negative or fractional paid amount, and a minimum above the maximum', () => {
    expect(() => compensationAmount(-1, late)).toThrow(RangeError);
    expect(() => compensationAmount(1.5, late)).toThrow(RangeError);
    expect(() => compensationAmount(1_000, { rateBp: 1_000, minFen: 600, maxFen: 500 })).toThrow(RangeError);
  });
});
