import { describe, expect, it } from 'vitest';
import { defaultConfig } from '../configuration/index.ts';
import { milestoneReached, milestones } from './points-milestones.rule.ts';

const rules = defaultConfig.governance;

describe('points milestones over 365 days (product rules §6: 12/24/36/48 → 7/14/28 days, then close)', () => {
  it.each([
    [0, 6, null],
    [6, 11, null],
    [6, 12, { milestone: 12, action: 'restrict', days: 7 }],
    [11, 13, { milestone: 12, action: 'restrict', days: 7 }],
    [12, 18, null],
    [18, 24, { milestone: 24, action: 'restrict', days: 14 }],
    [10, 30, { milestone: 24, action: 'restrict', days: 14 }],
    [30, 36, { milestone: 36, action: 'restrict', days: 28 }],
    [36, 47, null],
    [40, 48, { milestone: 48, action: 'close' }],
    [0, 100, { milestone: 48, action: 'close' }],
    [48, 60, null],
    [12, 12, null],
  ] as const)('%i → %i points: %o', (before, after, expected) => {
    expect(milestoneReached(before, after, rules)).toEqual(expected);
  });
});

describe('a configured ladder (governance.restrictionMilestones, governance.closureAtPoints)', () => {
  const ladder = { ...rules, restrictionMilestones: [{ points: 6, restrictDays: 3 }], closureAtPoints: 20 };
  it.each([
    [0, 5, null],
    [0, 6, { milestone: 6, action: 'restrict', days: 3 }],
    [6, 19, null],
    [10, 20, { milestone: 20, action: 'close' }],
  ] as const)('%i → %i points: %o', (before, after, expected) => {
    expect(milestoneReached(before, after, ladder)).toEqual(expected);
  });

  it('lists the restrictions in order, then closure', () => {
    expect(milestones(rules).map((m) => m.milestone)).toEqual([12, 24, 36, 48]);
  });
});
