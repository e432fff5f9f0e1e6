import { describe, expect, it } from 'vitest';
import { HOUR, MINUTE } from '../../platform/clock.ts';
import { shipByCountdown } from './ship-by.rule.ts';

const paidAt = new Date('2026-11-23T08:00:00Z');
const shipByAt = new Date(paidAt.getTime() + 48 * HOUR);
const after = (ms: number) => new Date(paidAt.getTime() + ms);

describe('shipByCountdown', () => {
  it.each([
    ['just paid', 0, 48 * HOUR, false],
    ['a day in', 24 * HOUR, 24 * HOUR, false],
    ['one minute left', 48 * HOUR - MINUTE, MINUTE, false],
    ['at the promised instant', 48 * HOUR, 0, true],
    ['an hour late', 49 * HOUR, -HOUR, true],
  ])('%s: %i ms after payment leaves %i ms, overdue %s', (_label, elapsed, remainingMs, overdue) => {
    expect(shipByCountdown(shipByAt, after(elapsed))).toEqual({ remainingMs, overdue });
  });
});
