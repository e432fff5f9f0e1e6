import { describe, expect, it } from 'vitest';
import { clockOffset, countdownParts, formatCountdown } from './countdown.tsx';

describe('countdown', () => {
  it.each([
    [0, '00:00:00'],
    [-5000, '00:00:00'],
    [999, '00:00:01'],
    [61_000, '00:01:01'],
    [3_600_000, '01:00:00'],
    [26 * 3_600_000 + 59_000, '26:00:59'],
  ])('%i ms reads %s', (ms, text) => {
    expect(formatCountdown(ms)).toBe(text);
  });

  it('splits days, hours, minutes and seconds', () => {
    expect(countdownParts(90_061_000)).toEqual({
      days: 1,
      hours: 1,
      minutes: 1,
      seconds: 1,
      totalSeconds: 90_061,
    });
  });

  it("measures the device's clock against the server's", () => {
    const received = Date.parse('2026-12-07T00:00:10Z');
    expect(clockOffset('2026-12-07T00:00:00Z', received)).toBe(-10_000);
    expect(clockOffset('not a time', received)).toBe(0);
  });
});
