/**
 * A topic's change against the previous period (product rules §8.4), in basis points, rounded half
 * away from zero: 12 after 10 is +2,000; none before is null (no rate of change from nothing).
 */
export function trendBp(current: number, previous: number): number | null {
  if (previous === 0) return null;
  const bp = ((current - previous) * 10_000) / previous;
  return Math.sign(bp) * Math.round(Math.abs(bp));
}
