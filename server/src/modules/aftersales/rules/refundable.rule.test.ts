import { describe, expect, it } from 'vitest';
import { type RefundableInput, refundableFen } from './refundable.rule.ts';

const line = (overrides: Partial<RefundableInput>): RefundableInput => ({
  lineFen: 1_000,
  lineQuantity: 3,
  quantity: 1,
  refundedOnLineFen: 0,
  ...overrides,
});

describe('what a request may ask back', () => {
  it.each<[string, Partial<RefundableInput>, number]>([
    ['one of three units of ¥10.00: 333.33 rounds down', {}, 333],
    ['two of three units: 666.67 rounds up', { quantity: 2 }, 667],
    ['all three units: exactly the line', { quantity: 3 }, 1_000],
    ['one of two units of ¥0.01: 0.5 rounds up', { lineFen: 1, lineQuantity: 2 }, 1],
    ['one of two units of ¥0.03: 1.5 rounds up', { lineFen: 3, lineQuantity: 2 }, 2],
    ['one of seven units of ¥1.00', { lineFen: 100, lineQuantity: 7 }, 14],
    ['a single-unit line', { lineFen: 12_345, lineQuantity: 1 }, 12_345],
    ['a free line', { lineFen: 0 }, 0],
    // Capped at what is left on the line.
    ['one unit after 333 refunded', { refundedOnLineFen: 333 }, 333],
    [
      'two units after one unit was rounded up (share 667, 666 left)',
      { quantity: 2, refundedOnLineFen: 334 },
      666,
    ],
    ['all three units after a partial refund', { quantity: 3, refundedOnLineFen: 400 }, 600],
    ['nothing left on the line', { quantity: 3, refundedOnLineFen: 1_000 }, 0],
    ['more refunded than paid (bad data) never goes negative', { refundedOnLineFen: 1_200 }, 0],
    // Earlier units: the next shares, so the units add up to the line.
    ['the second of three after the first took 333', { refundedUnits: 1, refundedOnLineFen: 333 }, 334],
    ['the last of three after 333 and 334', { refundedUnits: 2, refundedOnLineFen: 667 }, 333],
    ['the last two after one unit took 333', { quantity: 2, refundedUnits: 1, refundedOnLineFen: 333 }, 667],
    [
      'the second unit after the first was refunded ¥1 only',
      { refundedUnits: 1, refundedOnLineFen: 100 },
      334,
    ],
    [
      'a unit refunded in part, claimed again (its own share)',
      { quantity: 3, refundedUnits: 1, refundedOnLineFen: 100 },
      900,
    ],
    [
      'a product beyond 2^53 stays exact',
      { lineFen: 9_999_999_999, lineQuantity: 9_999, quantity: 9_998 },
      9_998_999_899,
    ],
  ])('%s', (_name, overrides, expected) => {
    expect(refundableFen(line(overrides))).toBe(expected);
  });

  it.each([
    [1_000, 3],
    [100, 7],
    [1, 2],
    [99_999, 11],
  ])(
    'one-unit requests for every unit of %d fen over %d units add up to exactly the line',
    (lineFen, lineQuantity) => {
      let refunded = 0;
      for (let unit = 0; unit < lineQuantity; unit++) {
        refunded += refundableFen({
          lineFen,
          lineQuantity,
          quantity: 1,
          refundedOnLineFen: refunded,
          refundedUnits: unit,
        });
      }
      expect(refunded).toBe(lineFen);
    },
  );

  it.each<[string, Partial<RefundableInput>]>([
    ['zero units', { quantity: 0 }],
    ['more units than the line has', { quantity: 4 }],
    ['a fractional quantity', { quantity: 1.5 }],
    ['a negative line amount', { lineFen: -1 }],
    ['a fractional line amount', { lineFen: 10.5 }],
    ['a negative refunded amount', { refundedOnLineFen: -1 }],
    ['negative refunded units', { refundedUnits: -1 }],
    ['an empty line', { lineQuantity: 0, quantity: 0 }],
  ])('refuses %s', (_name, overrides) => {
    expect(() => refundableFen(line(overrides))).toThrow(RangeError);
  });
});
