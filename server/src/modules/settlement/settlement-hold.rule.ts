import type { Fen } from '../../platform/money.ts';
import type { HoldReason, StoredFreezeReason } from './settlement.tables.ts';

export interface HoldInput {
  storedFreeze: StoredFreezeReason | null;
  /** A settlement_freeze penalty of governance is in force (product rules §6). */
  governanceFreeze: boolean;
  zeroDepositEligible: boolean;
  depositFen: Fen;
  requiredFen: Fen;
  /** A top-up the shop still has time for, after a deduction. */
  topUpDueAt: Date | null;
  now: Date;
}

/**
 * Whether a shop's settlements are held (money stays in escrow), and why. product rules §3: a stored
 * freeze (deduction not topped up in time) holds; a shop that may not open without a deposit is held
 * while its deposit is short, except during the 7 days it has to top up after a deduction.
 */
export function settlementHold(input: HoldInput): HoldReason | null {
  if (input.storedFreeze) return input.storedFreeze;
  if (input.governanceFreeze) return 'governance_penalty';
  if (input.zeroDepositEligible || input.depositFen >= input.requiredFen) return null;
  const inGrace = input.topUpDueAt !== null && input.now.getTime() < input.topUpDueAt.getTime();
  return inGrace ? null : 'deposit_below_requirement';
}
