import { describe, expect, it } from 'vitest';
import { scoreBand } from './score-band.rule.ts';

describe('scoreBand: excellent ≥ 4.7, good ≥ 4.5, fair ≥ 4.0, poor below', () => {
  it.each([
    [5, 'excellent'],
    [4.7, 'excellent'],
    [4.69, 'good'],
    [4.5, 'good'],
    [4.49, 'fair'],
    [4.0, 'fair'],
    [3.99, 'poor'],
    [0, 'poor'],
    [null, 'not_enough_orders'],
  ] as const)('%s → %s', (score, band) => {
    expect(scoreBand(score)).toBe(band);
  });
});
