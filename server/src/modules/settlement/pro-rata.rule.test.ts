import { describe, expect, it } from 'vitest';
import { proRata } from './pro-rata.rule.ts';

describe('proRata', () => {
  it.each([
    {
      name: 'nothing refunded keeps the whole amount',
      amount: 995,
      part: 9_900,
      whole: 9_900,
      expected: 995,
    },
    { name: 'half left', amount: 1_000, part: 5_000, whole: 10_000, expected: 500 },
    { name: 'nothing left', amount: 1_000, part: 0, whole: 10_000, expected: 0 },
    { name: 'a third rounds down below .5', amount: 100, part: 1, whole: 3, expected: 33 },
    { name: 'two thirds rounds up above .5', amount: 100, part: 2, whole: 3, expected: 67 },
    { name: 'exactly .5 rounds up', amount: 1, part: 1, whole: 2, expected: 1 },
    { name: 'exactly 1.5 rounds up', amount: 3, part: 1, whole: 2, expected: 2 },
    {
      name: 'a product beyond 2^53 stays exact',
      amount: 9_999_999_999,
      part: 9_999_999_998,
      whole: 9_999_999_999,
      expected: 9_999_999_998,
    },
  ])('$name', ({ amount, part, whole, expected }) => {
    expect(proRata(amount, part, whole)).toBe(expected);
  });

  it.each([
    ['a zero whole', 1, 0, 0],
    ['a part above the whole', 1, 11, 10],
    ['a negative amount', -1, 1, 2],
    ['a fractional part', 1, 0.5, 2],
  ])('refuses %s', (_name, amount, part, whole) => {
    expect(() => proRata(amount, part, whole)).toThrow(RangeError);
  });
});
