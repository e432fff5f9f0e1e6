import { describe, expect, it } from 'vitest';
import { lastLocalDays, localDate } from './local-days.rule.ts';

const SHANGHAI = 480;

describe('localDate', () => {
  it.each([
    ['2026-03-01T15:59:59.999Z', '2026-03-01'],
    ['2026-03-01T16:00:00.000Z', '2026-03-02'],
    ['2026-12-31T16:00:00.000Z', '2027-01-01'],
  ])('%s is %s in Shanghai', (at, date) => {
    expect(localDate(new Date(at), SHANGHAI)).toBe(date);
  });
});

describe('lastLocalDays', () => {
  it('ends with today, oldest first, each starting at local midnight', () => {
    const days = lastLocalDays(new Date('2026-03-02T01:00:00Z'), SHANGHAI, 3);
    expect(days.map((d) => d.date)).toEqual(['2026-02-28', '2026-03-01', '2026-03-02']);
    expect(days[0]!.start.toISOString()).toBe('2026-02-27T16:00:00.000Z');
    expect(days[2]!.start.toISOString()).toBe('2026-03-01T16:00:00.000Z');
  });

  it('counts a day just after local midnight as the new day', () => {
    const days = lastLocalDays(new Date('2026-03-01T16:00:00Z'), SHANGHAI, 1);
    expect(days).toEqual([{ date: '2026-03-02', start: new Date('2026-03-01T16:00:00Z') }]);
  });
});
