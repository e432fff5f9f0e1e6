/**
 * Fewer orders than this on a day and its refund rates are not shown: one order refunded of one is
 * "100%", which says nothing about the shop and makes the line jump (issue 12, defect 9).
 */
export const MIN_ORDERS_FOR_DAILY_RATE = 5;

/** A day's rate in basis points, or null when it counts fewer than `MIN_ORDERS_FOR_DAILY_RATE` orders. */
export function dailyRateBp(orders: number, rateBp: number): number | null {
  return orders >= MIN_ORDERS_FOR_DAILY_RATE ? rateBp : null;
}

/**
 * Change of a figure against the previous period, in basis points (+1200 is +12%), or null when the
 * previous period had none (no base to compare with).
 */
export function changeBp(current: number, previous: number): number | null {
  if (previous === 0) return null;
  return Math.round(((current - previous) * 10_000) / previous);
}
