import type { Executor, Tx } from '../../platform/db.ts';
import { transitionRow } from '../../platform/state-machine.ts';
import { refundTransitions } from './refund.machine.ts';

/**
 * The provider paid refund `id` out: pending → succeeded through the refund machine. A refund that is
 * not pending (paid already, or given up) is refused with 409, so it is never marked paid twice.
 */
export async function markRefundSucceeded(
  tx: Tx,
  id: number,
  paid: { providerRef: string | null; at: Date },
) {
  return transitionRow(tx, 'refunds', {
    machine: refundTransitions,
    what: `refund ${id}`,
    key: { id },
    from: 'pending',
    to: 'succeeded',
    set: { providerRef: paid.providerRef, completedAt: paid.at },
  });
}

/** The refunds one cause asked for (an after-sales request's money, as its parties see it). */
export async function refundsOfCause(db: Executor, cause: { type: string; id: number }) {
  return db
    .selectFrom('refunds')
    .select(['id', 'amountFen', 'source', 'state', 'createdAt', 'completedAt'])
    .where('causeType', '=', cause.type)
    .where('causeId', '=', cause.id)
    .execute();
}
