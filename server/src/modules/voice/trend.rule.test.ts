import { describe, expect, it } from 'vitest';
import { trendBp } from './trend.rule.ts';

describe('trendBp', () => {
  it.each([
    [12, 10, 2_000],
    [5, 10, -5_000],
    [10, 10, 0],
    [0, 4, -10_000],
    [3, 0, null],
    [0, 0, null],
    [1, 3, -6_667],
    [2, 3, -3_333],
  ])('%i after %i → %s', (current, previous, bp) => {
    expect(trendBp(current, previous)).toBe(bp);
  });
});
