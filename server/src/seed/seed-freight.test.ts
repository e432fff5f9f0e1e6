import { describe, expect, it } from 'vitest';
import { demoWeightGrams } from './seed-freight.ts';

describe('demo SKU weights', () => {
  it.each<[string, string, number]>([
    ['10斤装', 'fresh', 5_000],
    ['5斤装 单果65-70mm', 'fresh', 2_500],
    ['单果 4-5斤', 'fresh', 2_500],
    ['1.5斤 中果', 'fresh', 750],
    ['400g 盒装', 'food', 400],
    ['6个装 单果250g+', 'fresh', 1_500],
    ['2kg', 'frozen', 2_000],
    ['黑色 XL', 'apparel', 600],
    ['100元', 'virtual', 0],
  ])('%s (%s) → %i g', (spec, sector, grams) => {
    expect(demoWeightGrams(spec, sector)).toBe(grams);
  });
});
