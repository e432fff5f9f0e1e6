/**
 * product rules §7.3, 回头客指数: the share of a shop's new buyers who buy again within 14, 30 and 90
 * days of their first purchase there.
 *
 * - A purchase is a paid order of the shop that was not cancelled (an unshipped order refunded by
 *   cancellation is no purchase); its time is when it was paid.
 * - A buyer's first purchase is their earliest at the shop, ever. The index looks at buyers whose first
 *   purchase lies in the last 180 days (LOOKBACK_DAYS).
 * - The cohort of the N-day window is those buyers whose first purchase is at least N days old, so
 *   every one of them had the whole window to come back; a repeat is a later purchase at most N days
 *   after the first. A window without a cohort has no index (null), not 0%.
 * - Shares are basis points rounded half up.
 */
export const REPEAT_WINDOWS = [14, 30, 90] as const;
export type RepeatWindow = (typeof REPEAT_WINDOWS)[number];
export const LOOKBACK_DAYS = 180;
const DAY_MS = 86_400_000;

/** One buyer's first purchase at a shop and their next one (null: none yet). */
export interface BuyerPurchases {
  firstAt: Date;
  nextAt: Date | null;
}

/** Where a buyer stands for an N-day window at `now`. */
export type RepeatStanding = 'outside' | 'window_open' | 'repeated' | 'not_repeated';

export function repeatStanding(buyer: BuyerPurchases, days: number, now: Date): RepeatStanding {
  const age = now.getTime() - buyer.firstAt.getTime();
  if (age > LOOKBACK_DAYS * DAY_MS || age < 0) return 'outside';
  if (age < days * DAY_MS) return 'window_open';
  const repeated = buyer.nextAt !== null && buyer.nextAt.getTime() - buyer.firstAt.getTime() <= days * DAY_MS;
  return repeated ? 'repeated' : 'not_repeated';
}

/** A share in basis points rounded half up; null when there is no one to count. */
export function shareBp(part: number, whole: number): number | null {
  if (whole <= 0) return null;
  return Math.floor((part * 20_000 + whole) / (2 * whole));
}
