import { sql } from 'kysely';
import type { Executor, Tx } from '../../platform/db.ts';
import type { Fen } from '../../platform/money.ts';
import { scheduleDeadline } from '../../platform/scheduler/index.ts';
import { EXECUTE_REFUND } from './deadline-kinds.ts';

export interface RefundRequest {
  paymentId: number;
  orderId: number;
  amountFen: Fen;
  reason: string;
  /** What asked for it; one refund per (cause, order), so asking twice refunds once. */
  cause: { type: string; id: number };
  /** Default 'escrow': settlement takes it off the order. Otherwise the caller moved the money into escrow. */
  source?: 'escrow' | 'clawback' | 'deposit';
  orderLineId?: number | null;
}

/**
 * Records refunds to pay back and schedules their execution at once, inside the caller's
 * transaction. The provider is called by the deadline runner (below), outside the caller's work.
 */
export async function requestRefunds(
  tx: Tx,
  requests: readonly RefundRequest[],
  now: Date,
): Promise<number[]> {
  if (requests.length === 0) return [];
  const inserted = await sql<{ id: number }>`
    insert into refunds (payment_id, order_id, amount_fen, reason, cause_type, cause_id, created_at,
      source, order_line_id)
    select * from unnest(
      ${requests.map((r) => r.paymentId)}::bigint[], ${requests.map((r) => r.orderId)}::bigint[],
      ${requests.map((r) => r.amountFen)}::bigint[], ${requests.map((r) => r.reason)}::text[],
      ${requests.map((r) => r.cause.type)}::text[], ${requests.map((r) => r.cause.id)}::bigint[],
      ${requests.map(() => now)}::timestamptz[], ${requests.map((r) => r.source ?? 'escrow')}::text[],
      ${requests.map((r) => r.orderLineId ?? null)}::bigint[])
    on conflict (cause_type, cause_id, order_id) do nothing
    returning id`.execute(tx);
  for (const { id } of inserted.rows)
    await scheduleDeadline(tx, { kind: EXECUTE_REFUND, subjectId: id, dueAt: now });
  return inserted.rows.map((r) => r.id);
}

export async function refundsOfOrder(db: Executor, orderId: number) {
  return db
    .selectFrom('refunds')
    .select(['id', 'paymentId', 'amountFen', 'reason', 'state', 'createdAt', 'completedAt'])
    .where('orderId', '=', orderId)
    .orderBy('id')
    .execute();
}
