import { describe, expect, it } from 'vitest';
import { createRandom } from './random.ts';

describe('createRandom', () => {
  it('repeats the same sequence for the same seed and differs for another', () => {
    const a = createRandom(42);
    const b = createRandom(42);
    const c = createRandom(43);
    const seqA = Array.from({ length: 20 }, () => a.next());
    expect(Array.from({ length: 20 }, () => b.next())).toEqual(seqA);
    expect(Array.from({ length: 20 }, () => c.next())).not.toEqual(seqA);
  });

  it.each([
    [0, 0],
    [1, 6],
    [-5, 5],
    [100, 1_000],
  ])('int(%i, %i) stays within its bounds and reaches both ends', (min, max) => {
    const random = createRandom(7);
    const drawn = Array.from({ length: 20_000 }, () => random.int(min, max));
    expect(drawn.every(Number.isInteger)).toBe(true);
    expect(Math.min(...drawn)).toBe(min);
    expect(Math.max(...drawn)).toBe(max);
  });

  it.each([
    [5, 3],
    [5, 5],
    [3, 10],
    [0, 2],
  ])('sample of %i items taking %i gives distinct items from the list', (size, count) => {
    const items = Array.from({ length: size }, (_, i) => `item-${i}`);
    const picked = createRandom(1).sample(items, count);
    expect(picked).toHaveLength(Math.min(size, count));
    expect(new Set(picked).size).toBe(picked.length);
    for (const item of picked) expect(items).toContain(item);
  });

  it('digits gives exactly that many decimal digits', () => {
    const random = createRandom(9);
    for (const length of [1, 6, 14]) expect(random.digits(length)).toMatch(new RegExp(`^\\d{${length}}$`));
  });

  it('pick refuses an empty list', () => {
    expect(() => createRandom(1).pick([])).toThrow('empty');
  });
});
