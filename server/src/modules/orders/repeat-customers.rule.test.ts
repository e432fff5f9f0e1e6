import { describe, expect, it } from 'vitest';
import { type BuyerPurchases, repeatStanding, shareBp } from './repeat-customers.rule.ts';

const now = new Date('2026-12-01T00:00:00Z');
const daysAgo = (d: number) => new Date(now.getTime() - d * 86_400_000);
const plusDays = (from: Date, d: number) => new Date(from.getTime() + d * 86_400_000);

describe('repeatStanding', () => {
  const cases: [string, BuyerPurchases, number, string][] = [
    [
      'first purchase 10 days ago: the 14-day window is still open',
      { firstAt: daysAgo(10), nextAt: null },
      14,
      'window_open',
    ],
    [
      'a repeat inside an open window still waits for the window',
      { firstAt: daysAgo(10), nextAt: daysAgo(5) },
      14,
      'window_open',
    ],
    ['exactly 14 days old: counted', { firstAt: daysAgo(14), nextAt: null }, 14, 'not_repeated'],
    [
      'came back on day 14: a repeat',
      { firstAt: daysAgo(20), nextAt: plusDays(daysAgo(20), 14) },
      14,
      'repeated',
    ],
    [
      'came back on day 15: not within 14',
      { firstAt: daysAgo(20), nextAt: plusDays(daysAgo(20), 15) },
      14,
      'not_repeated',
    ],
    [
      'came back on day 15: within 30',
      { firstAt: daysAgo(40), nextAt: plusDays(daysAgo(40), 15) },
      30,
      'repeated',
    ],
    [
      'came back on day 60: within 90',
      { firstAt: daysAgo(100), nextAt: plusDays(daysAgo(100), 60) },
      90,
      'repeated',
    ],
    ['never came back', { firstAt: daysAgo(100), nextAt: null }, 90, 'not_repeated'],
    [
      'first purchase 181 days ago: outside the lookback',
      { firstAt: daysAgo(181), nextAt: null },
      90,
      'outside',
    ],
    [
      'first purchase exactly 180 days ago: inside',
      { firstAt: daysAgo(180), nextAt: null },
      90,
      'not_repeated',
    ],
  ];
  it.each(cases)('%s', (_what, buyer, days, standing) => {
    expect(repeatStanding(buyer, days, now)).toBe(standing);
  });
});

describe('shareBp', () => {
  it.each([
    [0, 0, null],
    [0, 5, 0],
    [2, 5, 4_000],
    [1, 3, 3_333],
    [2, 3, 6_667],
    [7, 7, 10_000],
  ])('%i of %i → %s', (part, whole, bp) => {
    expect(shareBp(part, whole)).toBe(bp);
  });
});
