import { AppError, invalidField } from '../../platform/errors.ts';
import type { EntryProblem } from './balanced-entry.rule.ts';

export type LedgerErrorCode = 'insufficient_funds' | 'unbalanced_entry' | 'idempotency_key_reused';

/** A debit would take an account that must not go negative below zero; nothing was written. */
export function insufficientFunds(accountCode: string): AppError {
  return new AppError(
    'insufficient_funds',
    `Account ${accountCode} does not hold enough money for this entry`,
    {
      account: accountCode,
    },
  );
}

/** The key names an earlier entry that moved different money. */
export function idempotencyKeyReused(idempotencyKey: string, entryId: number): AppError {
  return new AppError(
    'idempotency_key_reused',
    `Idempotency key ${idempotencyKey} was used for a different entry (${entryId})`,
    { idempotencyKey, entryId },
  );
}

export function entryProblemError(problem: EntryProblem): AppError {
  if (problem.code === 'validation_failed') return invalidField(problem.field, problem.reason);
  return new AppError('unbalanced_entry', `Postings must sum to zero; they sum to ${problem.sumFen} fen`, {
    sumFen: problem.sumFen,
  });
}
