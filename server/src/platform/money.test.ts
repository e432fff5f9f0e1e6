import { describe, expect, it } from 'vitest';
import { applyBasisPoints, formatYuan } from './money.ts';

describe('applyBasisPoints', () => {
  it.each([
    [10_000, 500, 500],
    [999, 1_000, 100], // 99.9 rounds half up to 100
    [995, 1_000, 100], // 99.5 → 100
    [994, 1_000, 99],
    [1, 5_000, 1], // 0.5 → 1
    [0, 1_000, 0],
    [-995, 1_000, -100],
    [12_345, 0, 0],
    [12_345, 10_000, 12_345],
  ])('%i fen × %i bp = %i fen', (amount, bp, expected) => {
    expect(applyBasisPoints(amount, bp)).toBe(expected);
  });

  it('refuses fractional fen', () => {
    expect(() => applyBasisPoints(1.5, 100)).toThrow(/safe integer/);
  });
});

// Money reads as ¥1,234.50 everywhere, as the web apps' money() shows it: server explanations too.
describe('formatYuan', () => {
  it.each([
    [0, '¥0.00'],
    [5, '¥0.05'],
    [123_456, '¥1,234.56'],
    [249_900, '¥2,499.00'],
    [100_000_000_00, '¥100,000,000.00'],
    [99_999, '¥999.99'],
    [-30, '-¥0.30'],
    [-123_456, '-¥1,234.56'],
  ])('%i fen → %s', (fen, text) => {
    expect(formatYuan(fen)).toBe(text);
  });
});
