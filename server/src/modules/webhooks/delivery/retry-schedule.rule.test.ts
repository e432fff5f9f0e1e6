import { describe, expect, it } from 'vitest';
import { DAY, HOUR, MINUTE } from '../../../platform/clock.ts';
import {
  afterFailedAttempt,
  endpointIsFailing,
  isSuccessStatus,
  retryDelayMs,
} from './retry-schedule.rule.ts';

describe('retryDelayMs', () => {
  it.each([
    [1, 5_000],
    [2, 30_000],
    [3, 2 * MINUTE],
    [4, 10 * MINUTE],
    [5, 30 * MINUTE],
    [6, HOUR],
    [7, 2 * HOUR],
    [8, 4 * HOUR],
    [9, 8 * HOUR],
    [10, 12 * HOUR],
    [11, 12 * HOUR],
    [40, 12 * HOUR],
  ])('after failed attempt %i waits %i ms', (attempt, ms) => {
    expect(retryDelayMs(attempt)).toBe(ms);
  });

  it.each([0, -1, 1.5, Number.NaN])('refuses attempt %s', (attempt) => {
    expect(() => retryDelayMs(attempt)).toThrow();
  });
});

describe('afterFailedAttempt', () => {
  const first = new Date('2026-11-23T08:00:00Z');
  const at = (ms: number) => new Date(first.getTime() + ms);
  it.each([
    ['first failure', 1, 0, { state: 'retrying', nextAttemptAt: at(5_000) }],
    ['second', 2, 5_000, { state: 'retrying', nextAttemptAt: at(35_000) }],
    ['tenth waits 12 h', 10, 16 * HOUR, { state: 'retrying', nextAttemptAt: at(28 * HOUR) }],
    ['the wait is cut at the 3-day mark', 14, 64 * HOUR, { state: 'retrying', nextAttemptAt: at(3 * DAY) }],
    ['just before the mark', 15, 3 * DAY - 1, { state: 'retrying', nextAttemptAt: at(3 * DAY) }],
    ['at the mark it gives up', 15, 3 * DAY, { state: 'failed' }],
    ['past the mark it gives up', 3, 4 * DAY, { state: 'failed' }],
  ] as const)('%s', (_name, attempt, sinceFirst, expected) => {
    expect(afterFailedAttempt(attempt, first, at(sinceFirst))).toEqual(expected);
  });

  it('walks the whole schedule to one last attempt at 3 days, then fails', () => {
    let now = first;
    const times: number[] = [];
    for (let attempt = 1; ; attempt++) {
      const next = afterFailedAttempt(attempt, first, now);
      if (next.state === 'failed') break;
      now = next.nextAttemptAt;
      times.push(now.getTime() - first.getTime());
    }
    expect(times.slice(0, 3)).toEqual([5_000, 35_000, 155_000]);
    expect(times.at(-1)).toBe(3 * DAY);
    expect(times).toHaveLength(14); // 9 scheduled waits to ~15.7 h, four of 12 h, the last cut at 72 h
  });
});

describe('endpointIsFailing', () => {
  const gaveUpFirst = new Date('2026-11-23T08:00:00Z');
  it.each([
    ['never succeeded', null, true],
    ['succeeded before the failing delivery began', new Date('2026-11-23T07:59:59Z'), true],
    ['succeeded since', new Date('2026-11-24T00:00:00Z'), false],
    ['succeeded at the same instant', gaveUpFirst, false],
  ] as const)('%s → %s', (_name, lastSuccess, failing) => {
    expect(endpointIsFailing(gaveUpFirst, lastSuccess)).toBe(failing);
  });
});

describe('isSuccessStatus', () => {
  it.each([
    [200, true],
    [204, true],
    [299, true],
    [301, false],
    [404, false],
    [500, false],
    [null, false],
  ] as const)('%s → %s', (status, ok) => {
    expect(isSuccessStatus(status)).toBe(ok);
  });
});
