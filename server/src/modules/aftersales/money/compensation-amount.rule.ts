import { applyBasisPoints, type Fen } from '../../../platform/money.ts';

export interface CompensationTerms {
  /** Share of the paid amount, in basis points. */
  rateBp: number;
  minFen: Fen;
  maxFen: Fen;
}

/**
 * Compensation for a broken shipment promise (product rules §5): a share of the paid amount, at least
 * `minFen`, at most `maxFen` (晚发立赔 10%, ¥5–¥30; fake shipment 30%, ¥5–¥200). The minimum holds
 * even above the paid amount: the product rules says "min ¥5" without exception, so a ¥3 order late by its
 * promise still gets ¥5 (the compensation is for the broken promise, not a refund of the goods).
 */
export function compensationAmount(paidFen: Fen, terms: CompensationTerms): Fen {
  if (!Number.isSafeInteger(paidFen) || paidFen < 0)
    throw new RangeError(`paid amount must be a non-negative safe integer of fen, got ${paidFen}`);
  if (terms.minFen > terms.maxFen)
    throw new RangeError(`minimum ${terms.minFen} is above maximum ${terms.maxFen}`);
  const share = applyBasisPoints(paidFen, terms.rateBp);
  return Math.min(terms.maxFen, Math.max(terms.minFen, share));
}
