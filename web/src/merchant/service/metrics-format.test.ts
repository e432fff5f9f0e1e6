import { describe, expect, it } from 'vitest';
import { meetsTargets, percentText } from './metrics-format.ts';

const targets = { responseRate3mBp: 8_500, avgFirstResponseMs: 46_800, goodRatingRateBp: 8_200 };

describe('chat metrics in words', () => {
  it.each([
    [8_550, '85.5%'],
    [10_000, '100%'],
    [null, '—'],
  ])('%s bp → %s', (bp, text) => {
    expect(percentText(bp)).toBe(text);
  });

  it('meets a target at it (rates) and under it (response time)', () => {
    expect(
      meetsTargets({ responseRate3mBp: 8_500, avgFirstResponseMs: 46_800, goodRatingRateBp: null }, targets),
    ).toEqual({
      responseRate3mBp: true,
      avgFirstResponseMs: false,
      goodRatingRateBp: null,
    });
  });
});
