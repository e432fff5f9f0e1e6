import { applyBasisPoints, type Fen } from '../../platform/money.ts';

export interface WithholdingInput {
  /** The merchant's share of a settlement. */
  merchantFen: Fen;
  /** `settings.zeroDepositWithholdBp`. */
  withholdBp: number;
  zeroDepositEligible: boolean;
  depositFen: Fen;
  requiredFen: Fen;
}

/**
 * product rules §3 (0元开店): a zero-deposit shop builds its deposit by withholding a share of each
 * settlement until the deposit reaches the requirement; never more than the shortfall.
 */
export function depositWithholding(input: WithholdingInput): Fen {
  const shortfall = input.requiredFen - input.depositFen;
  if (!input.zeroDepositEligible || shortfall <= 0) return 0;
  return Math.min(applyBasisPoints(input.merchantFen, input.withholdBp), shortfall);
}
