import { describe, expect, it } from 'vitest';
import { defaultPolicy } from '../../configuration/index.ts';
import { calendarMonth, freightPayout, freightPremium } from './freight-insurance.rule.ts';

const terms = defaultPolicy.freightInsurance; // min ¥0.30, load 120%, payout ¥12, cap ¥60 a month

describe('freightPremium', () => {
  it.each([
    ['a shop without returns pays the ¥0.30 minimum', 0, 1_200, 30],
    ['2% returns: 1,200 × 2% × 120% = 28.8 → the minimum', 200, 1_200, 30],
    ['2.1% returns: 30.24 → 30', 210, 1_200, 30],
    ['2.5% returns: 36', 250, 1_200, 36],
    ['10% returns: 144', 1_000, 1_200, 144],
    ['every order returned: 1,440', 10_000, 1_200, 1_440],
  ])('%s', (_, returnRateBp, payoutFen, expected) => {
    expect(freightPremium({ returnRateBp, payoutFen }, terms)).toBe(expected);
  });

  // No load and no minimum, to reach the rounding edges: payout × rate exactly.
  const bare = { ...terms, minPremiumFen: 0, premiumRateBp: 10_000 };
  it.each([
    ['12.5 rounds half up to 13', 125, 1_000, 13],
    ['12.4 rounds down to 12', 124, 1_000, 12],
    ['0.5 rounds up to 1', 50, 100, 1],
    ['0.4 rounds down to 0', 40, 100, 0],
  ])('%s', (_, returnRateBp, payoutFen, expected) => {
    expect(freightPremium({ returnRateBp, payoutFen }, bare)).toBe(expected);
  });

  it('rounds once, at the end', () => {
    // 1,001 × 1.25% × 120% = 15.015 → 15; rounding 1,001 × 1.25% = 12.5125 to 13 first would give 15.6 → 16.
    expect(freightPremium({ returnRateBp: 125, payoutFen: 1_001 }, { ...bare, premiumRateBp: 12_000 })).toBe(
      15,
    );
  });

  it('stays exact where the product passes 2^53', () => {
    const big = { ...terms, premiumRateBp: 50_000 };
    expect(freightPremium({ returnRateBp: 10_000, payoutFen: 100_000_000 }, big)).toBe(500_000_000);
    expect(freightPremium({ returnRateBp: 9_999, payoutFen: 99_999_999 }, big)).toBe(499_949_995);
  });

  it('refuses a negative or fractional rate', () => {
    expect(() => freightPremium({ returnRateBp: -1, payoutFen: 1_200 }, terms)).toThrow(RangeError);
    expect(() => freightPremium({ returnRateBp: 1.5, payoutFen: 1_200 }, terms)).toThrow(RangeError);
  });
});

describe('freightPayout', () => {
  it.each([
    ['first return of the month: the full ¥12', 0, 1_200, false],
    ['¥48 paid this month: the full ¥12 reaches the ¥60 cap exactly', 4_800, 1_200, false],
    ['¥50 paid: only the ¥10 left under the cap', 5_000, 1_000, true],
    ['cap reached: nothing', 6_000, 0, true],
    ['beyond the cap (a lowered cap): nothing, never negative', 7_000, 0, true],
  ])('%s', (_, paidThisMonthFen, payFen, capped) => {
    expect(freightPayout({ paidThisMonthFen }, terms)).toEqual({ payFen, capped });
  });
});

describe('calendarMonth', () => {
  const china = 480;
  it.each([
    ['mid-month', '2025-03-15T12:00:00Z', '2025-02-28T16:00:00Z', '2025-03-31T16:00:00Z'],
    [
      '31 Mar 23:30 in China is still March',
      '2025-03-31T15:30:00Z',
      '2025-02-28T16:00:00Z',
      '2025-03-31T16:00:00Z',
    ],
    ['1 Apr 00:00 in China is April', '2025-03-31T16:00:00Z', '2025-03-31T16:00:00Z', '2025-04-30T16:00:00Z'],
    [
      'December runs into the next year',
      '2025-12-20T00:00:00Z',
      '2025-11-30T16:00:00Z',
      '2025-12-31T16:00:00Z',
    ],
    ['February of a leap year', '2024-02-29T10:00:00Z', '2024-01-31T16:00:00Z', '2024-02-29T16:00:00Z'],
  ])('%s', (_, at, start, end) => {
    expect(calendarMonth(new Date(at), china)).toEqual({ start: new Date(start), end: new Date(end) });
  });

  it('follows the offset: UTC months in UTC', () => {
    expect(calendarMonth(new Date('2025-03-31T23:59:59Z'), 0)).toEqual({
      start: new Date('2025-03-01T00:00:00Z'),
      end: new Date('2025-04-01T00:00:00Z'),
    });
  });
});
