import { describe, expect, it } from 'vitest';
import { ladderVersionProblems, tierVersionProblems } from './programme-version.rule.ts';

const now = new Date('2026-12-07T03:00:00Z');
const later = new Date('2027-01-01T00:00:00Z');
const tier = (h: number, d: number, v: number, f: number, l: number) => ({
  minLiveHours: h,
  minLiveDays: d,
  minProductVideos: v,
  minFollowerGain: f,
  minListedProducts: l,
});

describe('ladderVersionProblems', () => {
  it.each([
    ['a future version with distinct steps', later, ['a', 'b'], []],
    ['in force already', now, ['a'], [['effectiveFrom', 'must be in the future']]],
    ['two steps with one code', later, ['a', 'b', 'a'], [['steps.2.code', 'each step needs its own code']]],
  ] as const)('%s', (_name, effectiveFrom, codes, expected) => {
    const steps = codes.map((code) => ({ code, metric: 'paid_orders' as const }));
    expect(ladderVersionProblems({ effectiveFrom, steps }, now).map((p) => [p.field, p.reason])).toEqual(
      expected,
    );
  });
});

describe('tierVersionProblems', () => {
  it.each([
    ['climbing tiers', [tier(10, 5, 3, 20, 5), tier(30, 15, 10, 100, 10)], []],
    ['equal tiers are allowed', [tier(10, 5, 3, 20, 5), tier(10, 5, 3, 20, 5)], []],
    [
      'tier 2 asks fewer videos',
      [tier(10, 5, 3, 20, 5), tier(30, 15, 2, 100, 10)],
      [['tiers.1.minProductVideos', 'must not be below the tier before']],
    ],
  ] as const)('%s', (_name, tiers, expected) => {
    expect(tierVersionProblems({ effectiveFrom: later, tiers }, now).map((p) => [p.field, p.reason])).toEqual(
      expected,
    );
  });
});
