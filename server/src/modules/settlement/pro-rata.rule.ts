import type { Fen } from '../../platform/money.ts';

/**
 * `amount × part / whole`, rounded half up like `applyBasisPoints`: the share of `amount` that belongs
 * to `part` of `whole` (e.g. a commission scaled to what is left of an order after refunds).
 * Exact for any safe integers: the product can exceed 2^53, so it is computed in BigInt.
 */
export function proRata(amount: Fen, part: Fen, whole: Fen): Fen {
  for (const [name, value] of [
    ['amount', amount],
    ['part', part],
    ['whole', whole],
  ] as const) {
    if (!Number.isSafeInteger(value) || value < 0)
      throw new RangeError(`${name} must be a non-negative safe integer, got ${value}`);
  }
  if (whole === 0) throw new RangeError('whole must be positive');
  if (part > whole) throw new RangeError(`part (${part}) must not exceed whole (${whole})`);
  if (part === whole) return amount;
  const w = BigInt(whole);
  return Number((2n * BigInt(amount) * BigInt(part) + w) / (2n * w));
}
