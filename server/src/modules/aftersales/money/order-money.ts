import { sql } from 'kysely';
import type { Tx } from '../../../platform/db.ts';
import { AppError } from '../../../platform/errors.ts';
import type { Fen } from '../../../platform/money.ts';
import { lockShopStatus } from '../../settlement/index.ts';

export interface LockedOrder {
  id: number;
  shopId: number;
  buyerId: number;
  state: string;
  totalFen: Fen;
}

/**
 * Locks an order for a money operation in the order every money operation of a shop follows: the
 * shop's status lock first, then the order row (no deadlock with settlement). Null when no such order.
 */
export async function lockOrderForMoney(tx: Tx, orderId: number, now: Date): Promise<LockedOrder | null> {
  const peek = await tx.selectFrom('orders').select('shopId').where('id', '=', orderId).executeTakeFirst();
  if (!peek) return null;
  await lockShopStatus(tx, peek.shopId, now);
  const order = await tx
    .selectFrom('orders')
    .select(['id', 'shopId', 'buyerId', 'state', 'totalFen'])
    .where('id', '=', orderId)
    .forUpdate()
    .executeTakeFirstOrThrow();
  return order;
}

/**
 * The payment that paid the order: succeeded, and not itself refunded as a late duplicate (a timed-out
 * charge that succeeded after another paid the order is refunded with the payment as cause).
 */
export async function payingPayment(tx: Tx, orderId: number): Promise<number> {
  const row = await sql<{ id: number }>`
    select p.id from payment_orders po join payments p on p.id = po.payment_id
    where po.order_id = ${orderId} and p.state = 'succeeded'
      and not exists (select 1 from refunds r
                      where r.order_id = po.order_id and r.cause_type = 'payment' and r.cause_id = p.id)
    order by p.completed_at, p.id
    limit 1`.execute(tx);
  const payment = row.rows[0];
  if (!payment) throw new AppError('conflict', `order ${orderId} has no payment to refund`, { orderId });
  return payment.id;
}

/** What the buyer has been, or is being, paid back of the order's payment (pending and succeeded). */
export async function refundedOfOrder(tx: Tx, orderId: number, paymentId: number): Promise<Fen> {
  const row = await sql<{ fen: number }>`
    select coalesce(sum(amount_fen), 0)::bigint as fen from refunds
    where order_id = ${orderId} and payment_id = ${paymentId} and state in ('pending', 'succeeded')`.execute(
    tx,
  );
  return row.rows[0]!.fen;
}
