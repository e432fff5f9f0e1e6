import { describe, expect, it } from 'vitest';
import { remainderToShip } from './to-ship.rule.ts';

const lines = [
  { id: 1, title: 'A', spec: '', quantity: 3 },
  { id: 2, title: 'B', spec: '红', quantity: 1 },
];
const order = { totalFen: 3 * 9_900 + 5_000 };

describe('remainderToShip', () => {
  it.each([
    ['nothing refunded: everything ships', [], [3, 1], 0, false],
    ['line B refunded whole: only A ships', [{ orderLineId: 2, units: 1, fen: 5_000 }], [3], 5_000, false],
    ['one unit of A refunded', [{ orderLineId: 1, units: 1, fen: 9_900 }], [2, 1], 9_900, false],
    [
      'every unit refunded, for less than paid: nothing ships',
      [
        { orderLineId: 1, units: 3, fen: 20_000 },
        { orderLineId: 2, units: 1, fen: 4_000 },
      ],
      [],
      24_000,
      true,
    ],
    [
      'more units refunded than ordered (bad data) never goes negative',
      [{ orderLineId: 2, units: 5, fen: 5_000 }],
      [3],
      5_000,
      false,
    ],
  ])('%s', (_name, refunded, quantities, refundedFen, nothing) => {
    const r = remainderToShip(order, lines, refunded);
    expect(r.lines.map((l) => l.quantity)).toEqual(quantities);
    expect(r.refundedFen).toBe(refundedFen);
    expect(r.payoutFen).toBe(order.totalFen - refundedFen);
    expect(r.nothingToShip).toBe(nothing);
  });
});
