import { AppError } from '../../platform/errors.ts';
import type { Fen } from '../../platform/money.ts';
import type { HoldReason } from './settlement.tables.ts';

export type SettlementErrorCode = 'settlement_frozen' | 'insufficient_funds';

const holdText: Record<HoldReason, string> = {
  deposit_below_requirement: 'its deposit is below the requirement',
  deposit_not_topped_up: 'its deposit was not topped up in time after a deduction',
  governance_penalty: 'a governance penalty freezes it (see the shop’s violations)',
};

/** Money of a frozen shop stays where it is until the freeze lifts (product rules §3). */
export function settlementFrozen(shopId: number, reason: HoldReason): AppError {
  return new AppError('settlement_frozen', `Settlement of shop ${shopId} is frozen: ${holdText[reason]}`, {
    shopId,
    reason,
  });
}

/** The amount asked for exceeds what may be taken; names the field, like a validation error. */
export function amountTooHigh(what: string, limitFen: Fen): AppError {
  const reason = `exceeds ${what} of ${limitFen} fen`;
  return new AppError('insufficient_funds', `amountFen: ${reason}`, {
    fields: [{ field: 'amountFen', reason }],
    limitFen,
  });
}
