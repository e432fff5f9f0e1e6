import { DAY } from '../../platform/clock.ts';

/** A price a SKU was offered at, in force from `from` until the next one's `from`. */
export interface PricePoint {
  priceFen: number;
  from: Date;
}

/** How far back a claimed original price must have been charged (规范促销行为暂行规定: 前七日内). */
export const ORIGINAL_PRICE_WINDOW_MS = 7 * DAY;

/**
 * The lowest price a SKU was offered at during the 7 days before the price `priceFen` took effect — the
 * promotion's start. `history` is the SKU's prices in order, the last one in force now; when
 * `priceFen` differs from it the new price takes effect `at`. Without an earlier price in the window (a
 * new SKU) the reference is the price itself, so a new SKU cannot claim more than it asks.
 */
export function lowestPriceBefore(history: readonly PricePoint[], priceFen: number, at: Date): number {
  let current = history.length;
  // The current price's run began at the first of its trailing equal rows.
  if (history.at(-1)?.priceFen === priceFen) {
    while (current > 0 && history[current - 1]!.priceFen === priceFen) current -= 1;
  }
  const start = current < history.length ? history[current]!.from.getTime() : at.getTime();
  const windowStart = start - ORIGINAL_PRICE_WINDOW_MS;
  let lowest = priceFen;
  let found = false;
  for (let i = 0; i < current; i += 1) {
    const from = history[i]!.from.getTime();
    const until = i + 1 < current ? history[i + 1]!.from.getTime() : start;
    // In force for some time inside [windowStart, start): a price replaced the same instant never was.
    if (until > from && until > windowStart && from < start) {
      lowest = found ? Math.min(lowest, history[i]!.priceFen) : history[i]!.priceFen;
      found = true;
    }
  }
  return found ? lowest : priceFen;
}

/** The claimed original price over the reference price, to 3 decimals; 0 without a claim. */
export function originalPriceRatio(originalPriceFen: number | null, referenceFen: number): number {
  if (originalPriceFen === null || referenceFen <= 0) return 0;
  return Math.round((originalPriceFen / referenceFen) * 1000) / 1000;
}

export type OriginalPriceProblem =
  | { kind: 'not_above_price'; priceFen: number }
  | { kind: 'not_charged'; lowestFen: number };

/**
 * Whether a SKU may show `originalPriceFen` struck through next to `priceFen`: it must be above the
 * price, and not above the lowest price actually charged in the 7 days before the price took effect
 * (whole fen: no tolerance needed). Null when the claim holds or there is none.
 */
export function originalPriceProblem(
  originalPriceFen: number | null,
  priceFen: number,
  history: readonly PricePoint[],
  at: Date,
): OriginalPriceProblem | null {
  if (originalPriceFen === null) return null;
  if (originalPriceFen <= priceFen) return { kind: 'not_above_price', priceFen };
  const lowestFen = lowestPriceBefore(history, priceFen, at);
  return originalPriceFen > lowestFen ? { kind: 'not_charged', lowestFen } : null;
}

/** The reason a field problem names (the web words it: 划线价高于近7日最低售价). */
export function originalPriceReason(problem: OriginalPriceProblem): string {
  return problem.kind === 'not_above_price'
    ? `must be above the price of ${problem.priceFen} fen`
    : `above the lowest price charged in the 7 days before, ${problem.lowestFen} fen`;
}
