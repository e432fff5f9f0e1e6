import type { Milestone } from './governance.tables.ts';

const DAY_MS = 86_400_000;

/** Points count over a rolling window of this many days (product rules §6). */
export const POINTS_WINDOW_DAYS = 365;

export type MilestoneAction =
  | { milestone: Exclude<Milestone, 48>; action: 'restrict'; days: number }
  | { milestone: 48; action: 'close' };

/** product rules §6: 12 / 24 / 36 / 48 points restrict the shop for 7 / 14 / 28 days, then close it. */
export const MILESTONES: readonly MilestoneAction[] = [
  { milestone: 12, action: 'restrict', days: 7 },
  { milestone: 24, action: 'restrict', days: 14 },
  { milestone: 36, action: 'restrict', days: 28 },
  { milestone: 48, action: 'close' },
];

/**
 * The milestone a new violation makes the shop reach: the highest one crossed going from `before` to
 * `after` points (both over the rolling window). Jumping from 10 to 30 points restricts for 14 days,
 * not 7 and then 14. Reaching a milestone again after old points expired counts again.
 */
export function milestoneReached(before: number, after: number): MilestoneAction | null {
  let reached: MilestoneAction | null = null;
  for (const m of MILESTONES) {
    if (before < m.milestone && after >= m.milestone) reached = m;
  }
  return reached;
}

export function pointsWindowStart(now: Date): Date {
  return new Date(now.getTime() - POINTS_WINDOW_DAYS * DAY_MS);
}
