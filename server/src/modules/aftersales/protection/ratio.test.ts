import { describe, expect, it } from 'vitest';
import { percent, ratioBp, times } from './ratio.ts';

describe('ratioBp', () => {
  it.each([
    { part: 0, whole: 0, bp: 0 },
    { part: 3, whole: 0, bp: 0 },
    { part: 0, whole: 7, bp: 0 },
    { part: 1, whole: 3, bp: 3_333 },
    { part: 2, whole: 3, bp: 6_667 },
    { part: 1, whole: 8, bp: 1_250 },
    // half a basis point rounds up
    { part: 1, whole: 20_000, bp: 1 },
    { part: 1, whole: 20_001, bp: 0 },
    { part: 7, whole: 2, bp: 35_000 },
  ])('$part / $whole = $bp bp', ({ part, whole, bp }) => {
    expect(ratioBp(part, whole)).toBe(bp);
  });

  it('refuses counts that are not non-negative integers', () => {
    expect(() => ratioBp(-1, 3)).toThrow();
    expect(() => ratioBp(1.5, 3)).toThrow();
  });
});

describe('words', () => {
  it.each([
    { bp: 0, text: '0%' },
    { bp: 1_234, text: '12.34%' },
    { bp: 3_000, text: '30%' },
    { bp: 30_000, text: '300%' },
  ])('percent($bp) = $text', ({ bp, text }) => {
    expect(percent(bp)).toBe(text);
  });

  it.each([
    { bp: 30_000, text: '3' },
    { bp: 25_000, text: '2.5' },
  ])('times($bp) = $text', ({ bp, text }) => {
    expect(times(bp)).toBe(text);
  });
});
