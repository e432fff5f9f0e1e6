import { describe, expect, it } from 'vitest';
import type { GuaranteeTraits } from './category-guarantees.rule.ts';
import type { GuaranteeCode } from './guarantees.ts';
import { type FieldProblem, reviewProblems } from './review-readiness.rule.ts';

const plain: GuaranteeTraits = {
  regulatedType: null,
  noReasonReturn: true,
  perishable: false,
  customMade: false,
  isVirtual: false,
};
const milkPowder: GuaranteeTraits = { ...plain, regulatedType: 'food' };
const seafood: GuaranteeTraits = { ...plain, regulatedType: 'food', perishable: true };

describe('ready for review', () => {
  it.each<[string, GuaranteeTraits, string | null, GuaranteeCode[], FieldProblem[]]>([
    ['a T-shirt without a qualification', plain, null, ['no_reason_7d'], []],
    ['milk powder with a licence', milkPowder, 'SC10632058300312', [], []],
    [
      'milk powder without a licence',
      milkPowder,
      null,
      [],
      [{ field: 'qualificationNo', reason: 'required for products in a food category' }],
    ],
    [
      'milk powder with a blank licence',
      milkPowder,
      '   ',
      [],
      [{ field: 'qualificationNo', reason: 'required for products in a food category' }],
    ],
    [
      'seafood promising 7-day returns, without a licence',
      seafood,
      null,
      ['no_reason_7d', 'spoiled_refund'],
      [
        { field: 'qualificationNo', reason: 'required for products in a food category' },
        { field: 'guarantees', reason: 'no_reason_7d: not for perishable goods' },
      ],
    ],
  ])('%s', (_name, category, qualificationNo, guarantees, problems) => {
    expect(reviewProblems(category, { qualificationNo, guarantees })).toEqual(problems);
  });
});
