import type { Tx } from '../../../platform/db.ts';
import type { Fen } from '../../../platform/money.ts';
import { payingPayment, requestRefunds } from '../../payments/index.ts';

/**
 * 极速退款's refund (product rules §5): an unshipped order's own money back out of escrow, in three
 * statements. No shop money moves (nothing is settled before shipment: settlement only takes completed
 * orders), so the shop's status lock is not taken; the caller holds the order row, locked while it
 * was read as `paid`, which is the lock settlement and every other refund of the order take too, and
 * has checked the amount against what remains refundable under that lock. The request is new, so no
 * earlier refund of it can exist (a replay is answered by the idempotency key before this runs).
 */
export async function refundUnshippedOrder(
  tx: Tx,
  input: {
    requestId: number;
    order: { id: number; state: string };
    orderLineId: number;
    amountFen: Fen;
    reason: string;
    now: Date;
    /** The order's paying payment when the caller has read it (`payingPayment`); else read here. */
    paymentId?: number;
  },
): Promise<{ refundId: number }> {
  const { order, now } = input;
  // An order past `paid` could be settled: its refund is refundForRequest's, under the shop's lock.
  if (order.state !== 'paid') throw new Error(`order ${order.id} is ${order.state}, not unshipped`);
  const paymentId = input.paymentId ?? (await payingPayment(tx, order.id));
  const [refundId] = await requestRefunds(
    tx,
    [
      {
        paymentId,
        orderId: order.id,
        amountFen: input.amountFen,
        reason: input.reason,
        cause: { type: 'aftersales_request', id: input.requestId },
        source: 'escrow',
        orderLineId: input.orderLineId,
      },
    ],
    now,
  );
  if (refundId === undefined) throw new Error(`refund of new request ${input.requestId} already exists`);
  return { refundId };
}
