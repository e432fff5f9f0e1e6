import { describe, expect, it } from 'vitest';
import { type BadgeFacts, failedBadgeConditions } from './badge.rule.ts';

const good: BadgeFacts = {
  score: 4.62,
  listedProducts: 8,
  coveredProducts: 8,
  seriousViolations: 0,
  shopState: 'active',
};

describe('trust badge (信任购) rule', () => {
  it.each([
    ['a good shop', {}, []],
    ['a score exactly at the minimum', { score: 4.5 }, []],
    ['a shop still in probation', { shopState: 'probation' }, []],
    ['a score just below', { score: 4.49 }, ['score']],
    ['no score yet (not enough orders)', { score: null }, ['score']],
    ['one listed product without the guarantees', { coveredProducts: 7 }, ['guarantees']],
    ['nothing listed', { listedProducts: 0, coveredProducts: 0 }, ['guarantees']],
    ['a serious violation within 90 days', { seriousViolations: 1 }, ['violations']],
    ['a restricted shop', { shopState: 'restricted' }, ['shop_state']],
    ['a suspended shop', { shopState: 'suspended' }, ['shop_state']],
    [
      'everything wrong, in the order the merchant reads it',
      { score: 3.9, coveredProducts: 0, seriousViolations: 2, shopState: 'restricted' },
      ['score', 'guarantees', 'violations', 'shop_state'],
    ],
  ] as const)('%s', (_name, change, failed) => {
    expect(failedBadgeConditions({ ...good, ...change }, { minScore: 4.5 })).toEqual(failed);
  });

  it('follows the configured minimum', () => {
    expect(failedBadgeConditions({ ...good, score: 4.62 }, { minScore: 4.7 })).toEqual(['score']);
  });
});
