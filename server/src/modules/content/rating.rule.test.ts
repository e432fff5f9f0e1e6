import { describe, expect, it } from 'vitest';
import { ratingOf } from './rating.rule.ts';

describe('ratingOf', () => {
  it.each([
    // reviews, stars, good → average, good rate (bp)
    [0, 0, 0, null, null],
    [1, 5, 1, 5, 10_000],
    [1, 1, 0, 1, 0],
    [3, 14, 3, 4.7, 10_000], // 4.666… rounds up to 4.7
    [4, 18, 3, 4.5, 7_500], // exactly 4.5
    [20, 89, 17, 4.5, 8_500], // 4.45 rounds half up
    [3, 7, 1, 2.3, 3_333], // 2.333…; 1/3 = 3333.3 bp
    [3, 8, 2, 2.7, 6_667], // 2/3 = 6666.7 bp rounds up
  ])('%i reviews, %i stars, %i good → %s stars, %s bp', (reviews, stars, good, average, goodRateBp) => {
    expect(ratingOf({ reviews, stars, good })).toEqual({
      reviews,
      average,
      goodRateBp,
    });
  });
});
