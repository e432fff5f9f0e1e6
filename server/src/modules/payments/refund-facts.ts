import { type RawBuilder, sql } from 'kysely';
import type { Executor } from '../../platform/db.ts';
import { AppError } from '../../platform/errors.ts';
import { localDay } from '../../platform/local-day.ts';
import type { Fen } from '../../platform/money.ts';
import { orderIdsOfShop } from '../orders/index.ts';
import type { RefundSource } from './payments.tables.ts';

/** Which refunds to add up: every field given must match. */
export interface RefundFilter {
  orderId?: number;
  paymentId?: number;
  orderLineId?: number;
  source?: RefundSource;
  /**
   * Leave out the refund of a late duplicate payment (cause 'payment': a timed-out charge that
   * succeeded after another paid the order; its money came into escrow apart from the order's).
   */
  exceptDuplicatePayments?: boolean;
}

/** What has been, or is being, paid back (pending and succeeded refunds) of the refunds matching `filter`. */
export async function refundedFen(db: Executor, filter: RefundFilter): Promise<Fen> {
  let query = db
    .selectFrom('refunds')
    .select(sql<Fen>`coalesce(sum(amount_fen), 0)::bigint`.as('fen'))
    .where('state', 'in', ['pending', 'succeeded']);
  if (filter.orderId !== undefined) query = query.where('orderId', '=', filter.orderId);
  if (filter.paymentId !== undefined) query = query.where('paymentId', '=', filter.paymentId);
  if (filter.orderLineId !== undefined) query = query.where('orderLineId', '=', filter.orderLineId);
  if (filter.source !== undefined) query = query.where('source', '=', filter.source);
  if (filter.exceptDuplicatePayments) query = query.where('causeType', '<>', 'payment');
  return (await query.executeTakeFirstOrThrow()).fen;
}

/** The refund a cause asked for on an order (one per cause and order), if any. */
export function refundOfCause(
  db: Executor,
  input: { orderId: number; cause: { type: string; id: number } },
): Promise<{ id: number; source: RefundSource } | undefined> {
  return db
    .selectFrom('refunds')
    .select(['id', 'source'])
    .where('causeType', '=', input.cause.type)
    .where('causeId', '=', input.cause.id)
    .where('orderId', '=', input.orderId)
    .executeTakeFirst();
}

/**
 * The payment that paid the order: succeeded, and not itself refunded as a late duplicate (a timed-out
 * charge that succeeded after another paid the order is refunded with the payment as cause). 409
 * `conflict` when there is none.
 */
export async function payingPayment(db: Executor, orderId: number): Promise<number> {
  const row = await sql<{ id: number }>`
    select p.id from payment_orders po join payments p on p.id = po.payment_id
    where po.order_id = ${orderId} and p.state = 'succeeded'
      and not exists (select 1 from refunds r
                      where r.order_id = po.order_id and r.cause_type = 'payment' and r.cause_id = p.id)
    order by p.completed_at, p.id
    limit 1`.execute(db);
  const payment = row.rows[0];
  if (!payment) throw new AppError('conflict', `order ${orderId} has no payment to refund`, { orderId });
  return payment.id;
}

/**
 * Per local day of completion (`offsetMinutes` east of UTC), the refunds paid back to buyers of the
 * shop's orders in [from, to]: how many and how much. A late duplicate payment's refund (cause
 * 'payment') was never the shop's sale and is left out.
 */
export async function refundsByLocalDay(
  db: Executor,
  input: { shopId: number; from: Date; to: Date; offsetMinutes: number },
): Promise<{ day: string; fen: Fen; n: number }[]> {
  const result = await sql<{ day: string; fen: Fen; n: number }>`
    select ${localDay(sql.ref('r.completed_at'), input.offsetMinutes)} as day,
           coalesce(sum(r.amount_fen), 0)::bigint as fen, count(*)::int as n
    from refunds r
    where r.order_id in (${orderIdsOfShop(input.shopId)}) and r.state = 'succeeded' and r.cause_type <> 'payment'
      and r.completed_at >= ${input.from} and r.completed_at <= ${input.to}
    group by 1`.execute(db);
  return result.rows;
}

/**
 * What is left in escrow of an order's money after its refunds from escrow (pending and succeeded,
 * late duplicate payments left out), as a scalar sub-query over the order id `orderId` and its
 * amount `totalFen` (settlement's pending balance, summed over a shop's orders in one statement).
 */
export function leftInEscrow(orderId: RawBuilder<unknown>, totalFen: RawBuilder<unknown>): RawBuilder<Fen> {
  return sql<Fen>`${totalFen} - coalesce((
    select sum(r.amount_fen) from refunds r
    where r.order_id = ${orderId} and r.state in ('pending', 'succeeded') and r.source = 'escrow'
      and r.cause_type <> 'payment'), 0)`;
}
