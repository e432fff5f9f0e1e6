import type { DeadlineHandlers } from '../../platform/scheduler/index.ts';
import { transitionRow } from '../../platform/state-machine.ts';
import { accounts, postEntry } from '../ledger/index.ts';
import { EXECUTE_REFUND, EXPIRE_PAYMENT } from './deadline-kinds.ts';
import { paymentStatesInto, paymentTransitions } from './payment.machine.ts';
import type { PaymentProvider } from './payment-provider.ts';
import { markRefundSucceeded } from './refund-store.ts';

export function paymentDeadlineHandlers(provider: PaymentProvider): DeadlineHandlers {
  return {
    // No answer from the provider in time: the payment is timed out (a later success still counts).
    [EXPIRE_PAYMENT]: async (tx, deadline) => {
      // An answer that came first (succeeded, failed) leaves nothing to time out.
      await transitionRow(tx, 'payments', {
        machine: paymentTransitions,
        what: `payment ${deadline.subjectId}`,
        key: { id: deadline.subjectId },
        from: paymentStatesInto('timed_out'),
        to: 'timed_out',
        ifNotIn: 'skip',
      });
    },
    // Provider refunds are idempotent by refund id, so a rerun after a rollback never pays twice;
    // the ledger entry's key makes the money move once.
    [EXECUTE_REFUND]: async (tx, deadline, { now }) => {
      const refund = await tx
        .selectFrom('refunds')
        .select(['id', 'paymentId', 'amountFen', 'state'])
        .where('id', '=', deadline.subjectId)
        .forUpdate()
        .executeTakeFirst();
      if (refund?.state !== 'pending') return;
      const answer = await provider.refund({
        refundId: refund.id,
        paymentId: refund.paymentId,
        amountFen: refund.amountFen,
      });
      if (answer.status === 'failed')
        throw new Error(`provider refused refund ${refund.id}: ${answer.reason}`);
      await postEntry(tx, {
        idempotencyKey: `refund:${refund.id}`,
        kind: 'refund',
        cause: { type: 'refund', id: refund.id },
        postings: [
          { account: accounts.escrow, amountFen: -refund.amountFen },
          { account: accounts.paymentProvider, amountFen: refund.amountFen },
        ],
      });
      await markRefundSucceeded(tx, refund.id, { providerRef: answer.providerRef, at: now });
    },
  };
}
