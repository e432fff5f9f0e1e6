import type { Fen } from '../../../platform/money.ts';

export interface RefundableInput {
  /** What was paid for the whole line. */
  lineFen: Fen;
  lineQuantity: number;
  /** Units this request is about. */
  quantity: number;
  /** Already refunded on this line by earlier requests. */
  refundedOnLineFen: Fen;
  /**
   * Units of the line that earlier refunds covered (default 0). With it, this request takes the next
   * units' shares, so one-unit requests add up to exactly the line (333 + 333 + 334 of 1,000 fen)
   * instead of losing a rounding fen (333 × 3).
   */
  refundedUnits?: number;
}

/**
 * The most a request for `quantity` units may ask back (product rules §5: a line is never refunded above
 * what was paid for it): the units' share of the line, rounded half up, capped at what is left
 * unrefunded on the line, never below zero. All units together get exactly the line amount.
 */
export function refundableFen(input: RefundableInput): Fen {
  const { lineFen, lineQuantity, quantity, refundedOnLineFen, refundedUnits = 0 } = input;
  for (const [name, value] of Object.entries({
    lineFen,
    lineQuantity,
    quantity,
    refundedOnLineFen,
    refundedUnits,
  })) {
    if (!Number.isSafeInteger(value) || value < 0)
      throw new RangeError(`${name} must be a non-negative safe integer, got ${value}`);
  }
  if (quantity < 1 || quantity > lineQuantity)
    throw new RangeError(`quantity must be between 1 and ${lineQuantity}, got ${quantity}`);

  // Shares of the first n units telescope: share(a + q) − share(a) over consecutive requests sums to
  // share(lineQuantity) = lineFen. A request beyond the untouched units (a unit refunded in part
  // before) falls back to its own share; the cap below still holds the line total.
  const first = refundedUnits + quantity <= lineQuantity ? refundedUnits : 0;
  const share =
    unitsShare(lineFen, first + quantity, lineQuantity) - unitsShare(lineFen, first, lineQuantity);
  return Math.max(0, Math.min(share, lineFen - refundedOnLineFen));
}

/** The first `units` of `lineQuantity` units' share of `lineFen`, rounded half up (as settlement's proRata). */
function unitsShare(lineFen: Fen, units: number, lineQuantity: number): Fen {
  if (units === lineQuantity) return lineFen;
  // BigInt: lineFen × units may pass 2^53.
  const whole = BigInt(lineQuantity);
  return Number((2n * BigInt(lineFen) * BigInt(units) + whole) / (2n * whole));
}
