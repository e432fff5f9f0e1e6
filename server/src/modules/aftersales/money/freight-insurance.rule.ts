import type { Fen } from '../../../platform/money.ts';
import type { AftersalesPolicy } from '../../configuration/index.ts';

type FreightTerms = AftersalesPolicy['freightInsurance'];

/**
 * 退货补运费 premium of one order (product rules §4: priced from the shop's return history, from ¥0.3):
 * the expected payout (payout × return rate), loaded by `premiumRateBp`, rounded half up once, at
 * least `minPremiumFen`. `returnRateBp` is the shop's returns per delivered order, in basis points.
 */
export function freightPremium(shop: { returnRateBp: number; payoutFen: Fen }, terms: FreightTerms): Fen {
  const { returnRateBp, payoutFen } = shop;
  for (const [name, value] of Object.entries({ returnRateBp, payoutFen })) {
    if (!Number.isSafeInteger(value) || value < 0)
      throw new RangeError(`${name} must be a non-negative safe integer, got ${value}`);
  }
  // payout × rate × load can pass 2^53: exact in BigInt, one rounding at the end.
  const scale = 100_000_000n; // bp × bp
  const product = BigInt(payoutFen) * BigInt(returnRateBp) * BigInt(terms.premiumRateBp);
  const expected = Number((2n * product + scale) / (2n * scale));
  return Math.max(terms.minPremiumFen, expected);
}

/**
 * What the insurance pays for one return's shipping (product rules §4: payouts capped per buyer per
 * month): the payout, or what is left of the buyer's monthly cap, never below zero. `capped` says
 * the cap cut the payout (to less, or to nothing).
 */
export function freightPayout(
  buyer: { paidThisMonthFen: Fen },
  terms: FreightTerms,
): { payFen: Fen; capped: boolean } {
  const left = Math.max(0, terms.monthlyCapFen - buyer.paidThisMonthFen);
  const payFen = Math.min(terms.payoutFen, left);
  return { payFen, capped: payFen < terms.payoutFen };
}

/**
 * The calendar month `at` falls in, in local time `offsetMinutes` east of UTC: [start, end) as
 * instants. The monthly cap counts payouts inside it.
 */
export function calendarMonth(at: Date, offsetMinutes: number): { start: Date; end: Date } {
  const offsetMs = offsetMinutes * 60_000;
  const local = new Date(at.getTime() + offsetMs);
  const year = local.getUTCFullYear();
  const month = local.getUTCMonth();
  return {
    start: new Date(Date.UTC(year, month, 1) - offsetMs),
    end: new Date(Date.UTC(year, month + 1, 1) - offsetMs),
  };
}
