import { describe, expect, it } from 'vitest';
import { airtimeIn, mostStartsWithin } from './live-activity.rule.ts';

const at = (iso: string) => new Date(iso);
const session = (start: string, end: string | null) => ({
  startedAt: at(start),
  endedAt: end ? at(end) : null,
});
const WEEK = 7 * 86_400_000;

describe('mostStartsWithin', () => {
  it.each([
    ['no sessions', [], 0],
    ['one', ['2026-10-01T12:00:00Z'], 1],
    ['three in a week', ['2026-10-01T12:00:00Z', '2026-10-03T12:00:00Z', '2026-10-07T11:59:00Z'], 3],
    [
      'three spread over exactly a week are not within it',
      ['2026-10-01T12:00:00Z', '2026-10-03T12:00:00Z', '2026-10-08T12:00:00Z'],
      2,
    ],
    [
      'the densest week counts, in any order',
      [
        '2026-10-20T00:00:00Z',
        '2026-10-01T00:00:00Z',
        '2026-10-21T00:00:00Z',
        '2026-10-22T00:00:00Z',
        '2026-10-23T00:00:00Z',
      ],
      4,
    ],
  ])('%s', (_name, starts, expected) => {
    expect(
      mostStartsWithin(
        starts.map((s) => session(s, null)),
        WEEK,
      ),
    ).toBe(expected);
  });
});

describe('airtimeIn', () => {
  const window = {
    from: at('2026-09-30T16:00:00Z'), // 2026-10-01 00:00 Asia/Shanghai
    to: at('2026-12-31T16:00:00Z'),
    now: at('2026-10-10T12:00:00Z'),
    offsetMinutes: 480,
  };
  it.each([
    ['nothing on air', [], 0, 0],
    ['a 90-minute session', [session('2026-10-02T02:00:00Z', '2026-10-02T03:30:00Z')], 90, 1],
    ['clipped at the quarter start', [session('2026-09-30T15:00:00Z', '2026-09-30T17:00:00Z')], 60, 1],
    [
      'a session across local midnight counts two days',
      [session('2026-10-02T15:30:00Z', '2026-10-02T16:30:00Z')],
      60,
      2,
    ],
    ['still live: up to now', [session('2026-10-10T11:00:00Z', null)], 60, 1],
    [
      'two sessions on one local day are one day',
      [
        session('2026-10-03T01:00:00Z', '2026-10-03T02:00:00Z'),
        session('2026-10-03T10:00:00Z', '2026-10-03T10:30:00Z'),
      ],
      90,
      1,
    ],
  ])('%s', (_name, sessions, minutes, days) => {
    expect(airtimeIn(sessions, window)).toEqual({ minutes, days });
  });
});
