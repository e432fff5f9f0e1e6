import { describe, expect, it } from 'vitest';
import { DEFAULT_SERVICE_HOURS, withinServiceHours } from './service-hours.rule.ts';

// 2026-12-07 is a Monday; Asia/Shanghai is UTC+8 (480 minutes).
const at = (local: string) => new Date(`${local}+08:00`);

describe('withinServiceHours', () => {
  it.each([
    ['2026-12-07T08:59:00', DEFAULT_SERVICE_HOURS, false],
    ['2026-12-07T09:00:00', DEFAULT_SERVICE_HOURS, true],
    ['2026-12-07T21:59:00', DEFAULT_SERVICE_HOURS, true],
    ['2026-12-07T22:00:00', DEFAULT_SERVICE_HOURS, false],
    // weekdays only: Saturday is out
    ['2026-12-12T10:00:00', { days: [1, 2, 3, 4, 5], from: '09:00', to: '18:00' }, false],
    ['2026-12-11T10:00:00', { days: [1, 2, 3, 4, 5], from: '09:00', to: '18:00' }, true],
    // across midnight: Sunday 01:00 belongs to Saturday's night
    ['2026-12-13T01:00:00', { days: [6], from: '20:00', to: '02:00' }, true],
    ['2026-12-12T01:00:00', { days: [6], from: '20:00', to: '02:00' }, false],
    ['2026-12-12T23:00:00', { days: [6], from: '20:00', to: '02:00' }, true],
    // equal bounds: the whole day
    ['2026-12-07T03:00:00', { days: [1], from: '00:00', to: '00:00' }, true],
  ] as const)('%s in %j → %s', (local, hours, expected) => {
    expect(withinServiceHours({ ...hours, days: [...hours.days] }, at(local), 480)).toBe(expected);
  });
});
