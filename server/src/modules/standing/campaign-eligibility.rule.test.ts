import { describe, expect, it } from 'vitest';
import { campaignEligibility } from './campaign-eligibility.rule.ts';

const open = { minScore: null, badgeRequired: false };
const major = { minScore: 4.5, badgeRequired: false };
const trustDay = { minScore: 4.7, badgeRequired: true };

describe('campaign eligibility by standing', () => {
  it.each([
    ['no score, open campaign', null, false, open, []],
    ['no score, campaign with a minimum', null, false, major, ['not_enough_orders']],
    ['score at the minimum', 4.5, false, major, []],
    ['score below the minimum', 4.49, true, major, ['score_below']],
    ['badge and score for 信任日', 4.8, true, trustDay, []],
    ['score but no badge for 信任日', 4.8, false, trustDay, ['no_badge']],
    ['neither for 信任日', 4.6, false, trustDay, ['score_below', 'no_badge']],
    ['no score and no badge for 信任日', null, false, trustDay, ['not_enough_orders', 'no_badge']],
    [
      'badge only, open campaign asking for the badge',
      null,
      true,
      { minScore: null, badgeRequired: true },
      [],
    ],
  ] as const)('%s', (_name, score, badge, requirement, shortfalls) => {
    expect(campaignEligibility(score, badge, requirement)).toEqual({
      eligible: shortfalls.length === 0,
      shortfalls,
    });
  });
});
