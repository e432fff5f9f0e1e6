/** What the rule needs of a posting: the account's code and the signed amount in fen. */
export interface PostingAmount {
  accountCode: string;
  amountFen: number;
}

export type EntryProblem =
  | { code: 'validation_failed'; field: string; reason: string }
  | { code: 'unbalanced_entry'; sumFen: number };

/**
 * A journal entry is sound when it has at least two postings, each a non-zero safe integer of fen
 * on a distinct account, and they sum to zero. Returns the first problem, or null.
 */
export function findEntryProblem(postings: readonly PostingAmount[]): EntryProblem | null {
  if (postings.length < 2) {
    return { code: 'validation_failed', field: 'postings', reason: 'an entry needs at least two postings' };
  }
  const seen = new Set<string>();
  let inflow = 0;
  let outflow = 0;
  for (const [i, posting] of postings.entries()) {
    const field = `postings[${i}].amountFen`;
    if (!Number.isSafeInteger(posting.amountFen)) {
      return { code: 'validation_failed', field, reason: 'must be a safe integer number of fen' };
    }
    if (posting.amountFen === 0) return { code: 'validation_failed', field, reason: 'must not be zero' };
    if (seen.has(posting.accountCode)) {
      return {
        code: 'validation_failed',
        field: `postings[${i}].account`,
        reason: `account ${posting.accountCode} appears twice in one entry`,
      };
    }
    seen.add(posting.accountCode);
    if (posting.amountFen > 0) inflow += posting.amountFen;
    else outflow -= posting.amountFen;
    // Exact arithmetic needs both totals in the safe range.
    if (!Number.isSafeInteger(inflow) || !Number.isSafeInteger(outflow)) {
      return {
        code: 'validation_failed',
        field: 'postings',
        reason: 'the total moved exceeds the safe integer range',
      };
    }
  }
  return inflow === outflow ? null : { code: 'unbalanced_entry', sumFen: inflow - outflow };
}
