import { describe, expect, it } from 'vitest';
import { changeBp, dailyRateBp, MIN_ORDERS_FOR_DAILY_RATE } from './daily-rate.rule.ts';

describe('dailyRateBp: a day’s rate only over enough orders', () => {
  it.each([
    [0, 0, null],
    [1, 10_000, null],
    [MIN_ORDERS_FOR_DAILY_RATE - 1, 2_500, null],
    [MIN_ORDERS_FOR_DAILY_RATE, 2_000, 2_000],
    [40, 250, 250],
  ])('%i orders at %i bp → %s', (orders, rate, shown) => {
    expect(dailyRateBp(orders, rate)).toBe(shown);
  });
});

describe('changeBp: against the previous period', () => {
  it.each([
    [112, 100, 1_200],
    [50, 100, -5_000],
    [100, 100, 0],
    [1, 3, -6_667],
    [5, 0, null],
    [0, 0, null],
  ])('%i after %i → %s bp', (current, previous, change) => {
    expect(changeBp(current, previous)).toBe(change);
  });
});
