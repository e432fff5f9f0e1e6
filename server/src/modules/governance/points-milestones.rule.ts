import type { GovernanceConfig } from '../configuration/index.ts';

/**
 * The numbers of the points ladder: configuration keys `governance.pointsWindowMs`,
 * `governance.restrictionMilestones` and `governance.closureAtPoints`.
 */
export type PointsRules = Pick<
  GovernanceConfig,
  'pointsWindowMs' | 'restrictionMilestones' | 'closureAtPoints'
>;

export type MilestoneAction =
  | { milestone: number; action: 'restrict'; days: number }
  | { milestone: number; action: 'close' };

/** product rules §6 (defaults: 12 / 24 / 36 points restrict the shop for 7 / 14 / 28 days, 48 close it). */
export function milestones(rules: PointsRules): MilestoneAction[] {
  return [
    ...rules.restrictionMilestones.map(
      (m): MilestoneAction => ({ milestone: m.points, action: 'restrict', days: m.restrictDays }),
    ),
    { milestone: rules.closureAtPoints, action: 'close' },
  ];
}

/**
 * The milestone a new violation makes the shop reach: the highest one crossed going from `before` to
 * `after` points (both over the rolling window). Jumping from 10 to 30 points restricts for 14 days,
 * not 7 and then 14. Reaching a milestone again after old points expired counts again.
 */
export function milestoneReached(before: number, after: number, rules: PointsRules): MilestoneAction | null {
  let reached: MilestoneAction | null = null;
  for (const m of milestones(rules)) {
    if (before < m.milestone && after >= m.milestone) reached = m;
  }
  return reached;
}

export function pointsWindowStart(now: Date, rules: Pick<PointsRules, 'pointsWindowMs'>): Date {
  return new Date(now.getTime() - rules.pointsWindowMs);
}
