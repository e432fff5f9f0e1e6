import type { Fen } from '../../platform/money.ts';

export interface DepositCategory {
  depositFen: Fen;
  zeroDepositEligible: boolean;
}

export interface DepositRequirement {
  requiredFen: Fen;
  /** Every category allows opening with no deposit (0元开店). */
  zeroDepositEligible: boolean;
}

/**
 * product rules §3: a shop owes the highest deposit among its categories (its main category and those of
 * its products), and may open with no deposit only when all of them allow it.
 */
export function requiredDeposit(categories: readonly DepositCategory[]): DepositRequirement {
  let requiredFen = 0;
  let zeroDepositEligible = true;
  for (const c of categories) {
    requiredFen = Math.max(requiredFen, c.depositFen);
    zeroDepositEligible &&= c.zeroDepositEligible;
  }
  return { requiredFen, zeroDepositEligible };
}
