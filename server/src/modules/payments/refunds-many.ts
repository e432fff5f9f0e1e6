import { sql } from 'kysely';
import type { Executor, Tx } from '../../platform/db.ts';
import type { Fen } from '../../platform/money.ts';
import { scheduleDeadlines } from '../../platform/scheduler/index.ts';
import { EXECUTE_REFUND } from './deadline-kinds.ts';
import type { RefundRequest } from './refunds.service.ts';

/*
 * Set-based refund reads and writes for callers that refund many orders in one transaction (the
 * after-sales deadline runner). Same rules as refund-facts.ts and refunds.service.ts, one statement each.
 */

/** Of each order: the payment that paid it (as `payingPayment`) and what was refunded of that payment. */
export interface OrderRefundFacts {
  payingPaymentId: number | null;
  /** Pending and succeeded refunds of the paying payment. */
  refundedFen: Fen;
}

/** `payingPayment` and `refundedFen({ orderId, paymentId })` for many orders in one statement. */
export async function refundFactsOfOrders(
  db: Executor,
  orderIds: readonly number[],
): Promise<Map<number, OrderRefundFacts>> {
  if (orderIds.length === 0) return new Map();
  const rows = await sql<{ orderId: number; payingPaymentId: number | null; refundedFen: Fen }>`
    select o.order_id, pay.id as paying_payment_id,
           coalesce((select sum(r.amount_fen) from refunds r
                     where r.order_id = o.order_id and r.payment_id = pay.id
                       and r.state in ('pending', 'succeeded')), 0)::bigint as refunded_fen
    from unnest(${[...orderIds]}::bigint[]) as o (order_id)
    left join lateral (
      select p.id from payment_orders po join payments p on p.id = po.payment_id
      where po.order_id = o.order_id and p.state = 'succeeded'
        and not exists (select 1 from refunds r
                        where r.order_id = po.order_id and r.cause_type = 'payment' and r.cause_id = p.id)
      order by p.completed_at, p.id
      limit 1) pay on true`.execute(db);
  return new Map(
    rows.rows.map((r) => [r.orderId, { payingPaymentId: r.payingPaymentId, refundedFen: r.refundedFen }]),
  );
}

/** `refundedFen({ orderLineId })` for many lines in one statement. */
export async function refundedOfLines(db: Executor, lineIds: readonly number[]): Promise<Map<number, Fen>> {
  if (lineIds.length === 0) return new Map();
  const rows = await sql<{ lineId: number; fen: Fen }>`
    select l.line_id, coalesce(sum(r.amount_fen), 0)::bigint as fen
    from unnest(${[...lineIds]}::bigint[]) as l (line_id)
    left join refunds r on r.order_line_id = l.line_id and r.state in ('pending', 'succeeded')
    group by l.line_id`.execute(db);
  return new Map(rows.rows.map((r) => [r.lineId, r.fen]));
}

/** The refunds causes of one type asked for (`refundOfCause` for many), keyed `causeId:orderId`. */
export async function refundsOfCauses(
  db: Executor,
  causeType: string,
  causeIds: readonly number[],
): Promise<Map<string, { id: number; source: string }>> {
  if (causeIds.length === 0) return new Map();
  const rows = await sql<{ id: number; causeId: number; orderId: number; source: string }>`
    select id, cause_id, order_id, source from refunds
    where cause_type = ${causeType} and cause_id = any(${[...causeIds]}::bigint[])`.execute(db);
  return new Map(rows.rows.map((r) => [`${r.causeId}:${r.orderId}`, { id: r.id, source: r.source }]));
}

/**
 * `requestRefunds` in two statements whatever the count: the refunds in one insert (one per cause and
 * order: a cause already refunded is left as it is), their payouts scheduled in one insert. Returns the
 * new refunds' ids keyed `causeId:orderId`.
 */
export async function requestRefundsMany(
  tx: Tx,
  requests: readonly RefundRequest[],
  now: Date,
): Promise<Map<string, number>> {
  if (requests.length === 0) return new Map();
  const inserted = await sql<{ id: number; causeId: number; orderId: number }>`
    insert into refunds (payment_id, order_id, amount_fen, reason, cause_type, cause_id, created_at,
      source, order_line_id)
    select * from unnest(
      ${requests.map((r) => r.paymentId)}::bigint[], ${requests.map((r) => r.orderId)}::bigint[],
      ${requests.map((r) => r.amountFen)}::bigint[], ${requests.map((r) => r.reason)}::text[],
      ${requests.map((r) => r.cause.type)}::text[], ${requests.map((r) => r.cause.id)}::bigint[],
      ${requests.map(() => now)}::timestamptz[], ${requests.map((r) => r.source ?? 'escrow')}::text[],
      ${requests.map((r) => r.orderLineId ?? null)}::bigint[])
    on conflict (cause_type, cause_id, order_id) do nothing
    returning id, cause_id, order_id`.execute(tx);
  const ids = inserted.rows.map((r) => r.id).sort((a, b) => a - b);
  await scheduleDeadlines(
    tx,
    ids.map((id) => ({ kind: EXECUTE_REFUND, subjectId: id, dueAt: now })),
  );
  return new Map(inserted.rows.map((r) => [`${r.causeId}:${r.orderId}`, r.id]));
}
