import { sql } from 'kysely';
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

/** Money refunded, or being refunded, on an order line. */
export async function refundedFenOfLine(db: Executor, orderLineId: number): Promise<number> {
  const r = await sql<{ fen: number }>`
    select coalesce(sum(amount_fen), 0)::bigint as fen from refunds
    where order_line_id = ${orderLineId} and state in ('pending', 'succeeded')`.execute(db);
  return r.rows[0]!.fen;
}

/** Money refunded, or being refunded, on an order, leaving out refunds of a payment itself (a late success). */
export async function refundedFenOfOrder(db: Executor, orderId: number): Promise<number> {
  const r = await sql<{ fen: number }>`
    select coalesce(sum(amount_fen), 0)::bigint as fen from refunds
    where order_id = ${orderId} and state in ('pending', 'succeeded') and cause_type <> 'payment'`.execute(
    db,
  );
  return r.rows[0]!.fen;
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
