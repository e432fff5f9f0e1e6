import { describe, expect, it } from 'vitest';
import { allocateDiscount } from './allocate-discount.rule.ts';

describe('allocateDiscount', () => {
  it.each([
    ['nothing to split', 0, [100, 200], [0, 0]],
    ['one line takes all', 1_000, [25_000], [1_000]],
    ['pro rata, exact', 300, [100, 200], [100, 200]],
    ['the extra fen goes to the earliest of equal remainders', 100, [300, 300, 300], [34, 33, 33]],
    ['largest remainder gets the extra fen', 10, [17, 33, 50], [2, 3, 5]],
    ['ties go to the earlier line', 2, [5, 5, 5], [1, 1, 0]],
    ['remainders decide', 10, [3, 3, 4], [3, 3, 4]],
    ['uneven split', 1_000, [9_900, 100, 5_000], [660, 7, 333]],
    ['the whole amount', 15, [5, 10], [5, 10]],
    ['zero lines get nothing', 50, [0, 100, 0], [0, 50, 0]],
    ['no lines', 0, [], []],
  ] as const)('%s', (_name, discount, lines, expected) => {
    expect(allocateDiscount(discount, [...lines])).toEqual(expected);
  });

  it('sums exactly and never exceeds a line, on many random carts', () => {
    let seed = 42;
    const rand = (n: number) => {
      seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
      return seed % n;
    };
    for (let run = 0; run < 2_000; run++) {
      const lines = Array.from({ length: 1 + rand(6) }, () => rand(100_000));
      const total = lines.reduce((a, b) => a + b, 0);
      const discount = rand(total + 1);
      const shares = allocateDiscount(discount, lines);
      expect(shares.reduce((a, b) => a + b, 0)).toBe(discount);
      shares.forEach((share, i) => {
        expect(share).toBeGreaterThanOrEqual(0);
        expect(share).toBeLessThanOrEqual(lines[i]!);
      });
    }
  });

  it('handles amounts whose products pass 2^53', () => {
    const shares = allocateDiscount(9_000_000_000, [9_000_000_000, 1_000_000_000]);
    expect(shares).toEqual([8_100_000_000, 900_000_000]);
  });

  it('refuses a discount above the lines', () => {
    expect(() => allocateDiscount(301, [100, 200])).toThrow(/exceeds/);
  });
});
