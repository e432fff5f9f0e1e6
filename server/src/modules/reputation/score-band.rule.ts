import type { ScoreBand } from './reputation.tables.ts';

/** Bands of the experience score (product rules §7.1); null (not enough orders) has its own band. */
export function scoreBand(score: number | null): ScoreBand {
  if (score === null) return 'not_enough_orders';
  if (score >= 4.7) return 'excellent';
  if (score >= 4.5) return 'good';
  if (score >= 4.0) return 'fair';
  return 'poor';
}
