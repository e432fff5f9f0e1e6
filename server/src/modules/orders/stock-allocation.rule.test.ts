import { describe, expect, it } from 'vitest';
import { allocateStock } from './stock-allocation.rule.ts';

const m = (entries: [number, number][]) => new Map(entries);

describe('allocateStock', () => {
  it.each([
    ['everything granted', [m([[1, 2]]), m([[1, 1]])], m([[1, 3]]), [true, true], []],
    [
      'first come first served on a short SKU',
      [m([[1, 2]]), m([[1, 2]]), m([[1, 1]])],
      m([[1, 3]]),
      [true, false, true],
      [],
    ],
    ['nothing left', [m([[1, 1]])], m([[1, 0]]), [false], []],
    [
      'all-or-nothing across SKUs returns the other units',
      [
        m([
          [1, 1],
          [2, 5],
        ]),
      ],
      m([
        [1, 1],
        [2, 3],
      ]),
      [false],
      [
        [1, 1],
        [2, 3],
      ],
    ],
  ] as const)('%s', (_name, needs, granted, accepted, leftover) => {
    const result = allocateStock(needs as never, granted as never);
    expect(result.accepted).toEqual(accepted);
    expect([...result.leftover]).toEqual(leftover);
  });
});
