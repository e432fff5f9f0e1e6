import type { Fen } from '../../platform/money.ts';

export interface TopUpInput {
  zeroDepositEligible: boolean;
  requiredFen: Fen;
  /** The deposit just before the deduction. */
  depositBeforeFen: Fen;
  /** The target of a top-up still pending from an earlier deduction (0 when none). */
  pendingTargetFen: Fen;
}

/**
 * The deposit a shop must be back to within the top-up time after a deduction (product rules §3).
 * A shop that owes the full deposit must restore the requirement; a zero-deposit shop, which is
 * allowed to be short, must restore what it held before the deduction (its withholding continues).
 * An earlier pending target is never lowered by a later deduction.
 */
export function topUpTarget(input: TopUpInput): Fen {
  const target = input.zeroDepositEligible
    ? Math.min(input.requiredFen, input.depositBeforeFen)
    : input.requiredFen;
  return Math.max(target, input.pendingTargetFen);
}
