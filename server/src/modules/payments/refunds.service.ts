import type { Executor, Tx } from '../../platform/db.ts';
import type { Fen } from '../../platform/money.ts';
import { requestRefundsMany } from './refunds-many.ts';

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
  return [...(await requestRefundsMany(tx, requests, now)).values()];
}

export async function refundsOfOrder(db: Executor, orderId: number) {
  return db
    .selectFrom('refunds')
    .select(['id', 'paymentId', 'amountFen', 'reason', 'state', 'createdAt', 'completedAt'])
    .where('orderId', '=', orderId)
    .orderBy('id')
    .execute();
}
