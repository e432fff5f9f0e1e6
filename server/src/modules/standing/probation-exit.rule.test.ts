import { describe, expect, it } from 'vitest';
import { DAY, HOUR } from '../../platform/clock.ts';
import { daysOpen, type ProbationFacts, probationVerdict } from './probation-exit.rule.ts';

const now = new Date('2027-03-01T04:00:00Z');
const daysAgo = (d: number) => new Date(now.getTime() - d * DAY);
const young: ProbationFacts = {
  state: 'probation',
  openedAt: daysAgo(20),
  completedOrders: 5,
  seriousViolations: 0,
};
const terms = { days: 90, completedOrders: 30 };

describe('probation (新手期) exit rule', () => {
  it.each([
    ['20 days and 5 orders: stays', {}, { kind: 'stays' }],
    ['89 days and 29 orders: stays', { openedAt: daysAgo(89), completedOrders: 29 }, { kind: 'stays' }],
    ['90 days: exits by days', { openedAt: daysAgo(90) }, { kind: 'exit', by: 'days' }],
    ['30 completed orders: exits by orders', { completedOrders: 30 }, { kind: 'exit', by: 'orders' }],
    [
      'both reached: days named first',
      { openedAt: daysAgo(120), completedOrders: 80 },
      { kind: 'exit', by: 'days' },
    ],
    [
      '90 days with a serious violation: held',
      { openedAt: daysAgo(95), seriousViolations: 1 },
      { kind: 'held_by_violation', by: 'days' },
    ],
    [
      '30 orders with a serious violation: held',
      { completedOrders: 31, seriousViolations: 2 },
      { kind: 'held_by_violation', by: 'orders' },
    ],
    ['a violation before any threshold: stays', { seriousViolations: 1 }, { kind: 'stays' }],
    ['an active shop', { state: 'active', openedAt: daysAgo(400) }, { kind: 'not_in_probation' }],
    ['a restricted shop', { state: 'restricted', completedOrders: 50 }, { kind: 'not_in_probation' }],
  ] as const)('%s', (_name, change, verdict) => {
    expect(probationVerdict({ ...young, ...change }, terms, now)).toEqual(verdict);
  });

  it('counts whole days since opening', () => {
    expect(daysOpen(new Date(now.getTime() - 90 * DAY + HOUR), now)).toBe(89);
    expect(daysOpen(now, now)).toBe(0);
    expect(daysOpen(new Date(now.getTime() + HOUR), now)).toBe(0);
  });
});
