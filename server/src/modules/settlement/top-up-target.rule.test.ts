import { describe, expect, it } from 'vitest';
import { type TopUpInput, topUpTarget } from './top-up-target.rule.ts';

const base: TopUpInput = {
  zeroDepositEligible: false,
  requiredFen: 500_000,
  depositBeforeFen: 500_000,
  pendingTargetFen: 0,
};

describe('topUpTarget', () => {
  it.each<{ name: string; input: Partial<TopUpInput>; expected: number }>([
    { name: 'a full-deposit shop restores the requirement', input: {}, expected: 500_000 },
    { name: 'even when it held more before', input: { depositBeforeFen: 800_000 }, expected: 500_000 },
    {
      name: 'a zero-deposit shop restores what it held',
      input: { zeroDepositEligible: true, depositBeforeFen: 30_000 },
      expected: 30_000,
    },
    {
      name: 'a zero-deposit shop above the requirement restores the requirement',
      input: { zeroDepositEligible: true, depositBeforeFen: 700_000 },
      expected: 500_000,
    },
    {
      name: 'a second deduction keeps the earlier, higher target',
      input: { zeroDepositEligible: true, depositBeforeFen: 20_000, pendingTargetFen: 30_000 },
      expected: 30_000,
    },
  ])('$name', ({ input, expected }) => {
    expect(topUpTarget({ ...base, ...input })).toBe(expected);
  });
});
