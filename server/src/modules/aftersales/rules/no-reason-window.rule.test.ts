import { describe, expect, it } from 'vitest';
import { defaultPolicy } from '../../configuration/index.ts';
import { noReasonWindow, withinNoReasonWindow } from './no-reason-window.rule.ts';

const policy = defaultPolicy;

describe('7-day no-reason window (counted from 00:00 the day after delivery)', () => {
  it.each([
    {
      name: 'delivered 23:59 Shanghai: the next day starts one minute later',
      deliveredAt: '2024-03-10T23:59:00+08:00',
      offset: 480,
      closesAt: '2024-03-18T00:00:00+08:00',
    },
    {
      name: 'delivered 00:00 Shanghai: that day does not count, the window starts the next midnight',
      deliveredAt: '2024-03-11T00:00:00+08:00',
      offset: 480,
      closesAt: '2024-03-19T00:00:00+08:00',
    },
    {
      name: 'delivered 07:59 Shanghai (23:59 UTC the day before) uses the Shanghai day',
      deliveredAt: '2024-03-10T23:59:00Z',
      offset: 480,
      closesAt: '2024-03-19T00:00:00+08:00',
    },
    {
      name: 'the same instant on UTC is the previous day',
      deliveredAt: '2024-03-10T23:59:00Z',
      offset: 0,
      closesAt: '2024-03-18T00:00:00Z',
    },
    {
      name: 'a zone west of UTC',
      deliveredAt: '2024-03-11T03:00:00Z', // 2024-03-10 22:00 at -05:00
      offset: -300,
      closesAt: '2024-03-18T00:00:00-05:00',
    },
    {
      name: 'across a month end',
      deliveredAt: '2024-02-29T12:00:00+08:00',
      offset: 480,
      closesAt: '2024-03-08T00:00:00+08:00',
    },
  ])('$name', ({ deliveredAt, offset, closesAt }) => {
    const window = noReasonWindow(new Date(deliveredAt), { ...policy, timezoneOffsetMinutes: offset });
    expect(window.opensAt.toISOString()).toBe(new Date(deliveredAt).toISOString());
    expect(window.closesAt.toISOString()).toBe(new Date(closesAt).toISOString());
  });

  it('follows a changed window length', () => {
    const { closesAt } = noReasonWindow(new Date('2024-03-10T15:00:00+08:00'), {
      ...policy,
      noReasonReturnMs: 15 * 24 * 3_600_000,
    });
    expect(closesAt.toISOString()).toBe(new Date('2024-03-26T00:00:00+08:00').toISOString());
  });

  const deliveredAt = new Date('2024-03-10T23:59:00+08:00');
  it.each([
    ['a minute before delivery', '2024-03-10T23:58:00+08:00', false],
    ['at delivery', '2024-03-10T23:59:00+08:00', true],
    ['one millisecond before closing', '2024-03-17T23:59:59.999+08:00', true],
    ['exactly at closing', '2024-03-18T00:00:00+08:00', false],
    ['after closing', '2024-03-18T09:00:00+08:00', false],
  ])('%s: open is %s', (_name, now, open) => {
    expect(withinNoReasonWindow(deliveredAt, new Date(now), policy)).toBe(open);
  });
});
