import { describe, expect, it } from 'vitest';
import { type DepositCategory, type DepositRequirement, requiredDeposit } from './required-deposit.rule.ts';

const cat = (depositFen: number, zeroDepositEligible = true): DepositCategory => ({
  depositFen,
  zeroDepositEligible,
});

describe('requiredDeposit', () => {
  it.each<{ name: string; categories: DepositCategory[]; expected: DepositRequirement }>([
    {
      name: 'one category',
      categories: [cat(500_000)],
      expected: { requiredFen: 500_000, zeroDepositEligible: true },
    },
    {
      name: 'the highest of several (food ¥20,000 over apparel ¥5,000)',
      categories: [cat(500_000), cat(2_000_000), cat(100_000)],
      expected: { requiredFen: 2_000_000, zeroDepositEligible: true },
    },
    {
      name: 'one category not eligible makes the shop not eligible',
      categories: [cat(500_000), cat(100_000, false)],
      expected: { requiredFen: 500_000, zeroDepositEligible: false },
    },
    {
      name: 'the same category twice counts once',
      categories: [cat(100_000), cat(100_000)],
      expected: { requiredFen: 100_000, zeroDepositEligible: true },
    },
    {
      name: 'no categories: nothing owed',
      categories: [],
      expected: { requiredFen: 0, zeroDepositEligible: true },
    },
  ])('$name', ({ categories, expected }) => {
    expect(requiredDeposit(categories)).toEqual(expected);
  });
});
