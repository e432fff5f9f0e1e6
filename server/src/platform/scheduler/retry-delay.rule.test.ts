import { describe, expect, it } from 'vitest';
import { HOUR, MINUTE } from '../clock.ts';
import { retryDelayMs } from './retry-delay.rule.ts';

describe('retryDelayMs', () => {
  it.each([
    [1, 30_000],
    [2, MINUTE],
    [3, 2 * MINUTE],
    [4, 4 * MINUTE],
    [7, 32 * MINUTE],
    [8, HOUR],
    [1000, HOUR],
  ])('after %i failed attempts waits %i ms', (attempts, expected) => {
    expect(retryDelayMs(attempts)).toBe(expected);
  });

  it.each([0, -1, 1.5, Number.NaN])('refuses %s failed attempts', (attempts) => {
    expect(() => retryDelayMs(attempts)).toThrow(/failedAttempts/);
  });
});
