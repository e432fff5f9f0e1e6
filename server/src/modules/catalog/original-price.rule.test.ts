import { describe, expect, it } from 'vitest';
import {
  lowestPriceBefore,
  type OriginalPriceProblem,
  originalPriceProblem,
  originalPriceRatio,
  type PricePoint,
} from './original-price.rule.ts';

const day = (n: number) => new Date(Date.UTC(2026, 10, 1) + n * 86_400_000);
const at = (priceFen: number, d: number): PricePoint => ({ priceFen, from: day(d) });

describe('lowestPriceBefore: the lowest price in the 7 days before the price took effect', () => {
  const cases: [string, PricePoint[], number, number, number][] = [
    // name, history, price being set (or kept), now (day), expected reference
    ['a new SKU: its own price', [], 100_00, 0, 100_00],
    ['unchanged since creation: its own price', [at(100_00, 0)], 100_00, 30, 100_00],
    ['lowered after 7+ days at the old price: the old price', [at(150_00, 0)], 100_00, 10, 150_00],
    ['lowered after 3 days: the old price (all there was)', [at(150_00, 0)], 100_00, 3, 150_00],
    ['raised then lowered: the price before the raise', [at(100_00, 0), at(150_00, 30)], 100_00, 32, 100_00],
    ['a higher price 8 days ago no longer counts', [at(150_00, 0), at(120_00, 20)], 90_00, 28, 120_00],
    [
      'a price ending exactly at the window start does not count',
      [at(80_00, 0), at(120_00, 3)],
      100_00,
      10,
      120_00,
    ],
    [
      'the price kept: judged at the moment it took effect',
      [at(150_00, 0), at(100_00, 10)],
      100_00,
      40,
      150_00,
    ],
    [
      'a price replaced the same instant was never offered',
      [at(150_00, 0), at(10_00, 10), at(140_00, 10)],
      100_00,
      12,
      140_00,
    ],
    [
      'a short dip in the window is the reference',
      [at(150_00, 0), at(90_00, 8), at(150_00, 9)],
      120_00,
      12,
      90_00,
    ],
  ];
  it.each(cases)('%s', (_name, history, price, now, expected) => {
    expect(lowestPriceBefore(history, price, day(now))).toBe(expected);
  });
});

describe('originalPriceProblem', () => {
  const cases: [string, number | null, number, PricePoint[], number, OriginalPriceProblem | null][] = [
    ['no claim', null, 100_00, [], 0, null],
    [
      'equal to the price',
      100_00,
      100_00,
      [at(150_00, 0)],
      10,
      { kind: 'not_above_price', priceFen: 100_00 },
    ],
    ['below the price', 90_00, 100_00, [at(150_00, 0)], 10, { kind: 'not_above_price', priceFen: 100_00 }],
    ['a new SKU claims above its price', 120_00, 100_00, [], 0, { kind: 'not_charged', lowestFen: 100_00 }],
    ['the old price after 7 days at it', 150_00, 100_00, [at(150_00, 0)], 10, null],
    ['below the old price', 120_00, 100_00, [at(150_00, 0)], 10, null],
    [
      'one fen above what was charged',
      150_01,
      100_00,
      [at(150_00, 0)],
      10,
      { kind: 'not_charged', lowestFen: 150_00 },
    ],
    [
      'raised to 150 two days ago, back to 100 claiming 150',
      150_00,
      100_00,
      [at(100_00, 0), at(150_00, 30)],
      32,
      { kind: 'not_charged', lowestFen: 100_00 },
    ],
    ['never charged', 200_00, 100_00, [at(100_00, 0)], 30, { kind: 'not_charged', lowestFen: 100_00 }],
  ];
  it.each(cases)('%s', (_name, original, price, history, now, expected) => {
    expect(originalPriceProblem(original, price, history, day(now))).toEqual(expected);
  });
});

describe('originalPriceRatio', () => {
  it.each([
    [null, 100_00, 0],
    [150_00, 150_00, 1],
    [150_00, 100_00, 1.5],
    [100_01, 100_00, 1],
    [200_00, 0, 0],
  ])('%s over %s is %s', (original, reference, ratio) => {
    expect(originalPriceRatio(original, reference)).toBe(ratio);
  });
});
