import { describe, expect, it } from 'vitest';
import {
  type LadderFacts,
  type LadderStep,
  ladderProgress,
  newlyCompleted,
  nextStep,
} from './ladder.rule.ts';

const steps: LadderStep[] = [
  { position: 1, code: 'list_products', metric: 'listed_products', threshold: 3, rewardCredits: 200 },
  { position: 2, code: 'first_live', metric: 'live_sessions', threshold: 1, rewardCredits: 300 },
  { position: 3, code: 'three_lives_week', metric: 'live_sessions_7d', threshold: 3, rewardCredits: 500 },
  { position: 4, code: 'first_order', metric: 'paid_orders', threshold: 1, rewardCredits: 500 },
];
const none: LadderFacts = {
  listed_products: 0,
  live_sessions: 0,
  live_sessions_7d: 0,
  paid_orders: 0,
  followers: 0,
  product_videos: 0,
};

describe('ladderProgress', () => {
  it.each([
    ['nothing done', {}, [], [], 'list_products'],
    ['two products are not three', { listed_products: 2 }, [], [], 'list_products'],
    ['products listed', { listed_products: 3 }, [], ['list_products'], 'first_live'],
    [
      'climbed in order: an order before any live does not count yet',
      { listed_products: 5, paid_orders: 2 },
      [],
      ['list_products'],
      'first_live',
    ],
    [
      'several steps at once',
      { listed_products: 3, live_sessions: 3, live_sessions_7d: 3, paid_orders: 1 },
      [],
      ['list_products', 'first_live', 'three_lives_week', 'first_order'],
      null,
    ],
    [
      'a done step stays done when products are delisted',
      { live_sessions: 1 },
      ['list_products'],
      ['list_products', 'first_live'],
      'three_lives_week',
    ],
  ] as const)('%s', (_name, facts, before, done, next) => {
    const progress = ladderProgress(steps, { ...none, ...facts }, new Set(before));
    expect(progress.filter((p) => p.done).map((p) => p.code)).toEqual(done);
    expect(nextStep(progress)).toBe(next);
    expect(newlyCompleted(progress, new Set(before))).toEqual(
      done.filter((c) => !(before as readonly string[]).includes(c)),
    );
  });

  it('reports what was measured for each step', () => {
    const progress = ladderProgress(steps, { ...none, listed_products: 2, paid_orders: 4 }, new Set());
    expect(progress.map((p) => [p.code, p.measured])).toEqual([
      ['list_products', 2],
      ['first_live', 0],
      ['three_lives_week', 0],
      ['first_order', 4],
    ]);
  });
});
