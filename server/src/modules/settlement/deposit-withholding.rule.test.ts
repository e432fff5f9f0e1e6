import { describe, expect, it } from 'vitest';
import { depositWithholding, type WithholdingInput } from './deposit-withholding.rule.ts';

const base: WithholdingInput = {
  merchantFen: 9_405,
  withholdBp: 1_000,
  zeroDepositEligible: true,
  depositFen: 0,
  requiredFen: 500_000,
};

describe('depositWithholding', () => {
  it.each([
    { name: 'a short zero-deposit shop gives 10% (940.5 → 941)', input: {}, expected: 941 },
    { name: 'never more than the shortfall', input: { depositFen: 499_500 }, expected: 500 },
    { name: 'nothing once the deposit is reached', input: { depositFen: 500_000 }, expected: 0 },
    { name: 'nothing above the requirement', input: { depositFen: 600_000 }, expected: 0 },
    {
      name: 'nothing for a shop that is not zero-deposit',
      input: { zeroDepositEligible: false },
      expected: 0,
    },
    { name: 'nothing when no deposit is required', input: { requiredFen: 0 }, expected: 0 },
    { name: 'nothing from a zero share', input: { merchantFen: 0 }, expected: 0 },
    { name: 'the configured rate (5%)', input: { withholdBp: 500 }, expected: 470 },
  ])('$name', ({ input, expected }) => {
    expect(depositWithholding({ ...base, ...input })).toBe(expected);
  });
});
