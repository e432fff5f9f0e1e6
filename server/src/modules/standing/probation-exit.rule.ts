import { DAY } from '../../platform/clock.ts';
import type { ShopState } from '../shops/index.ts';

export interface ProbationFacts {
  state: ShopState;
  openedAt: Date;
  /** Completed orders since the shop opened. */
  completedOrders: number;
  /** Serious violations within the lookback. */
  seriousViolations: number;
}

export interface ProbationTerms {
  days: number;
  completedOrders: number;
}

export type ProbationVerdict =
  | { kind: 'not_in_probation' }
  /** Leaves probation now: `by` says which threshold it reached (days first when both). */
  | { kind: 'exit'; by: 'days' | 'orders' }
  /** A threshold is reached but a serious violation holds the shop back. */
  | { kind: 'held_by_violation'; by: 'days' | 'orders' }
  | { kind: 'stays' };

/** Whole days since the shop opened (day 0 is the opening day). */
export const daysOpen = (openedAt: Date, now: Date): number =>
  Math.max(0, Math.floor((now.getTime() - openedAt.getTime()) / DAY));

/**
 * product rules §7.2: a shop leaves probation (新手期) automatically once `days` days have passed since
 * it opened or it has `completedOrders` completed orders, whichever comes first, provided it has had no
 * serious violation within the lookback.
 */
export function probationVerdict(facts: ProbationFacts, terms: ProbationTerms, now: Date): ProbationVerdict {
  if (facts.state !== 'probation') return { kind: 'not_in_probation' };
  const by =
    daysOpen(facts.openedAt, now) >= terms.days
      ? 'days'
      : facts.completedOrders >= terms.completedOrders
        ? 'orders'
        : null;
  if (by === null) return { kind: 'stays' };
  return facts.seriousViolations > 0 ? { kind: 'held_by_violation', by } : { kind: 'exit', by };
}
