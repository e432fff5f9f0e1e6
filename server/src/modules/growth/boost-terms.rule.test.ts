import { describe, expect, it } from 'vitest';
import { boostCost, checkBoostHours } from './boost-terms.rule.ts';

const terms = { creditsPerHour: 100, weightBp: 3000, maxHours: 24 };

describe('boost terms', () => {
  it.each([
    [1, 100, true],
    [6, 600, true],
    [24, 2400, true],
    [0, null, false],
    [25, null, false],
    [1.5, null, false],
  ])('%s hours', (hours, cost, ok) => {
    expect(checkBoostHours(hours, terms) === null).toBe(ok);
    if (cost !== null) expect(boostCost(hours, terms)).toBe(cost);
  });
});
