import type { Tx } from '../../../platform/db.ts';
import type { Fen } from '../../../platform/money.ts';
import { lineAmountsOf, lockOrdersForRefund } from '../../orders/index.ts';
import {
  type RefundRequest,
  refundedOfLines,
  refundFactsOfOrders,
  refundsOfCauses,
  requestRefundsMany,
} from '../../payments/index.ts';
import { ordersWithSettlement } from '../../settlement/index.ts';
import { refundLimitRefusal } from './refund-limit.rule.ts';

export interface EscrowRefundItem {
  requestId: number;
  orderId: number;
  orderLineId: number | null;
  amountFen: Fen;
  reason: string;
}

const CAUSE = 'aftersales_request';

/**
 * `refundForRequest` with the order's own money (funding 'order') for many requests at once, in a
 * fixed number of statements: the orders locked in id order, their facts read in one statement each,
 * the refunds written in one insert and their payouts scheduled in one more. Inside the caller's
 * transaction, which holds the requests' rows.
 *
 * Only refunds out of escrow of orders with no settlement are done here: no shop money moves, so the
 * shop's status lock is not taken. The order row lock is the invariant's lock: settlement takes it
 * before it reads the order's refunds (and leaves an order with an open request alone), and every
 * refund of the order takes it before checking what is left to refund. Anything else (a settled or
 * frozen order: clawback; no paying payment; over the limit: refused) is `left` for `refundForRequest`,
 * which does it, or refuses it with its error, one by one.
 * @returns the requests refunded (now, or before: replays) and those left.
 */
export async function refundManyFromEscrow(
  tx: Tx,
  items: readonly EscrowRefundItem[],
  now: Date,
): Promise<{ done: number[]; left: number[] }> {
  const done: number[] = [];
  const left: number[] = [];
  if (items.length === 0) return { done, left };
  const orderIds = [...new Set(items.map((i) => i.orderId))].sort((a, b) => a - b);
  const lineIds = [...new Set(items.flatMap((i) => (i.orderLineId === null ? [] : [i.orderLineId])))];
  const orders = await lockOrdersForRefund(tx, orderIds);
  const settled = await ordersWithSettlement(tx, orderIds);
  const facts = await refundFactsOfOrders(tx, orderIds);
  const earlier = await refundsOfCauses(
    tx,
    CAUSE,
    items.map((i) => i.requestId),
  );
  const lines = await lineAmountsOf(tx, lineIds);
  const lineRefunded = await refundedOfLines(tx, lineIds);

  // Running totals: two requests of one order or line in this batch count each other's refunds.
  const orderRefunded = new Map<number, Fen>();
  const lineAdded = new Map<number, Fen>();
  const refunds: RefundRequest[] = [];
  for (const item of [...items].sort((a, b) => a.requestId - b.requestId)) {
    const order = orders.get(item.orderId);
    const fact = facts.get(item.orderId);
    if (earlier.has(`${item.requestId}:${item.orderId}`)) {
      done.push(item.requestId);
      continue;
    }
    const line = item.orderLineId === null ? null : lines.get(item.orderLineId);
    if (
      !order ||
      !fact ||
      fact.payingPaymentId === null ||
      settled.has(item.orderId) ||
      !Number.isSafeInteger(item.amountFen) ||
      item.amountFen <= 0 ||
      (item.orderLineId !== null && (!line || line.orderId !== item.orderId))
    ) {
      left.push(item.requestId);
      continue;
    }
    const refundedFen = orderRefunded.get(item.orderId) ?? fact.refundedFen;
    const lineRefundedFen =
      item.orderLineId === null
        ? 0
        : (lineAdded.get(item.orderLineId) ?? lineRefunded.get(item.orderLineId) ?? 0);
    const refusal = refundLimitRefusal({
      amountFen: item.amountFen,
      order: { state: order.state, totalFen: order.totalFen, shippingFen: order.shippingFen, refundedFen },
      line: line ? { paidFen: line.paidFen, refundedFen: lineRefundedFen } : null,
    });
    if (refusal) {
      left.push(item.requestId);
      continue;
    }
    orderRefunded.set(item.orderId, refundedFen + item.amountFen);
    if (item.orderLineId !== null) lineAdded.set(item.orderLineId, lineRefundedFen + item.amountFen);
    refunds.push({
      paymentId: fact.payingPaymentId,
      orderId: item.orderId,
      amountFen: item.amountFen,
      reason: item.reason,
      cause: { type: CAUSE, id: item.requestId },
      source: 'escrow',
      orderLineId: item.orderLineId,
    });
    done.push(item.requestId);
  }
  const inserted = await requestRefundsMany(tx, refunds, now);
  // Nothing else refunds these causes while their requests' rows are held.
  if (inserted.size !== refunds.length)
    throw new Error(`${refunds.length - inserted.size} request refunds appeared under the request locks`);
  return { done, left };
}
