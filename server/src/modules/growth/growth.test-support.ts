import { type Executor, inTransaction } from '../../platform/db.ts';
import { ISSUED, postCredits, shopAccount } from './credits.service.ts';

let grants = 0;

/** Grants a shop exposure credits (as a ladder reward would), for tests that spend them. */
export function grantTestCredits(db: Executor, shopId: number, credits: number, at: Date) {
  return inTransaction(db, (tx) =>
    postCredits(tx, {
      idempotencyKey: `test-grant:${shopId}:${process.pid}:${++grants}:${at.getTime()}`,
      kind: 'ladder_reward',
      cause: { type: 'shop', id: shopId },
      at,
      postings: [
        { account: ISSUED, amount: -credits },
        { account: shopAccount(shopId), amount: credits },
      ],
    }),
  );
}
