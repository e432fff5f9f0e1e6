import { applyBasisPoints, type Fen } from '../../platform/money.ts';

export interface DepositDiscountTerms {
  minScore: number;
  discountBp: number;
}

export type DepositDiscountVerdict =
  | { kind: 'discount'; discountBp: number }
  | { kind: 'score_below' }
  | { kind: 'not_enough_orders' };

/** product rules §7.2: a shop whose experience score is at least `minScore` owes `discountBp` less deposit. */
export function depositDiscountVerdict(
  score: number | null,
  terms: DepositDiscountTerms,
): DepositDiscountVerdict {
  if (score === null) return { kind: 'not_enough_orders' };
  if (score < terms.minScore || terms.discountBp === 0) return { kind: 'score_below' };
  return { kind: 'discount', discountBp: terms.discountBp };
}

/** The fen a discount of `discountBp` takes off `requiredFen` (the platform's one rounding). */
export const depositDiscountFen = (requiredFen: Fen, discountBp: number): Fen =>
  applyBasisPoints(requiredFen, discountBp);
