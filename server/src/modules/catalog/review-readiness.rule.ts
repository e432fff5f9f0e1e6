import { type GuaranteeTraits, refusedGuarantees } from './category-guarantees.rule.ts';
import type { GuaranteeCode } from './guarantees.ts';

export interface FieldProblem {
  field: string;
  reason: string;
}

/**
 * What keeps a product from going to review, by field (empty when it may go). A product in a
 * regulated category (三品一械) needs a qualification number (product rules §6; the registry check comes
 * with governance), and its opt-in guarantees must fit the category, which ops may have changed since.
 */
export function reviewProblems(
  category: GuaranteeTraits,
  product: { qualificationNo: string | null; guarantees: readonly GuaranteeCode[] },
): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (category.regulatedType !== null && !product.qualificationNo?.trim()) {
    problems.push({
      field: 'qualificationNo',
      reason: `required for products in a ${category.regulatedType} category`,
    });
  }
  for (const refused of refusedGuarantees(category, product.guarantees)) {
    problems.push({ field: 'guarantees', reason: `${refused.code}: ${refused.reason}` });
  }
  return problems;
}
