import { describe, expect, it } from 'vitest';
import { isoToZonedInput, offsetLabel, offsetMinutes, zonedInputToIso } from './time-zone.ts';

describe('a time typed in the platform time zone', () => {
  it.each([
    // 20:00 in Beijing is 12:00 UTC, whatever zone the browser is in
    ['2026-12-06T20:00', 'Asia/Shanghai', '2026-12-06T12:00:00.000Z'],
    ['2026-12-07T04:00', 'Asia/Shanghai', '2026-12-06T20:00:00.000Z'],
    ['2026-12-06T00:30', 'Asia/Shanghai', '2026-12-05T16:30:00.000Z'],
    ['2026-12-06T20:00', 'UTC', '2026-12-06T20:00:00.000Z'],
    // New York: winter UTC-5, summer UTC-4
    ['2026-12-06T20:00', 'America/New_York', '2026-12-07T01:00:00.000Z'],
    ['2026-07-01T20:00', 'America/New_York', '2026-07-02T00:00:00.000Z'],
    // 02:30 does not exist on 2026-03-08 in New York: read with the offset before the change
    ['2026-03-08T02:30', 'America/New_York', '2026-03-08T07:30:00.000Z'],
    ['2026-12-06T20:00:15', 'Asia/Kolkata', '2026-12-06T14:30:15.000Z'],
  ])('%s in %s is %s', (local, zone, iso) => {
    expect(zonedInputToIso(local, zone)).toBe(iso);
  });

  it('leaves text that names no time as it is (the server names the field)', () => {
    expect(zonedInputToIso('', 'Asia/Shanghai')).toBe('');
    expect(zonedInputToIso('tomorrow', 'Asia/Shanghai')).toBe('tomorrow');
  });

  it.each([
    ['2026-12-06T12:00:00.000Z', 'Asia/Shanghai', '2026-12-06T20:00'],
    ['2026-12-06T20:00:00.000Z', 'Asia/Shanghai', '2026-12-07T04:00'],
    ['2026-12-07T01:00:00.000Z', 'America/New_York', '2026-12-06T20:00'],
  ])('%s shows in a %s field as %s', (iso, zone, local) => {
    expect(isoToZonedInput(iso, zone)).toBe(local);
    expect(zonedInputToIso(local, zone)).toBe(iso);
  });

  it.each([
    [Date.UTC(2026, 11, 6), 'Asia/Shanghai', 480, 'UTC+8'],
    [Date.UTC(2026, 11, 6), 'UTC', 0, 'UTC'],
    [Date.UTC(2026, 11, 6), 'America/New_York', -300, 'UTC-5'],
    [Date.UTC(2026, 6, 1), 'America/New_York', -240, 'UTC-4'],
    [Date.UTC(2026, 11, 6), 'Asia/Kolkata', 330, 'UTC+5:30'],
  ])('at %s %s is %s minutes from UTC (%s)', (ms, zone, minutes, label) => {
    expect(offsetMinutes(ms, zone)).toBe(minutes);
    expect(offsetLabel(minutes)).toBe(label);
  });
});
