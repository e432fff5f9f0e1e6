import { describe, expect, it } from 'vitest';
import { inSample, npsGroup, npsOf } from './nps.rule.ts';

describe('npsGroup', () => {
  it.each([
    [0, 'detractor'],
    [6, 'detractor'],
    [7, 'passive'],
    [8, 'passive'],
    [9, 'promoter'],
    [10, 'promoter'],
  ])('%i → %s', (score, group) => {
    expect(npsGroup(score)).toBe(group);
  });
  it.each([-1, 11, 7.5])('refuses %s', (score) => {
    expect(() => npsGroup(score)).toThrow();
  });
});

describe('npsOf', () => {
  it.each([
    // promoters, passives, detractors → NPS
    [0, 0, 0, null],
    [10, 0, 0, 100],
    [0, 0, 4, -100],
    [5, 3, 2, 30],
    [1, 1, 1, 0],
    [2, 0, 1, 33], // 33.3
    [1, 0, 2, -33], // −33.3
    [1, 2, 0, 33],
    [1, 1, 0, 50],
    [1, 6, 1, 0],
    [3, 4, 1, 25],
    [1, 0, 7, -75],
    [5, 2, 1, 50], // 4/8
    [1, 2, 5, -50],
    [2, 5, 1, 13], // 12.5 rounds up
    [1, 5, 2, -12], // −12.5 rounds half up to −12
  ])('%i promoters, %i passives, %i detractors → %s', (promoters, passives, detractors, nps) => {
    expect(npsOf({ promoters, passives, detractors })).toEqual({
      promoters,
      passives,
      detractors,
      responses: promoters + passives + detractors,
      nps,
    });
  });
});

describe('inSample', () => {
  it('takes everything at 100%, nothing at 0%, and about the rate in between, the same each time', () => {
    const ids = Array.from({ length: 10_000 }, (_, i) => i + 1);
    expect(ids.every((id) => inSample(id, 10_000))).toBe(true);
    expect(ids.some((id) => inSample(id, 0))).toBe(false);
    const taken = ids.filter((id) => inSample(id, 3_000)).length;
    expect(taken).toBeGreaterThan(2_700);
    expect(taken).toBeLessThan(3_300);
    expect(ids.filter((id) => inSample(id, 3_000))).toEqual(ids.filter((id) => inSample(id, 3_000)));
  });
});
