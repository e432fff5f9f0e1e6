import type { Executor } from '../../platform/db.ts';
import { invalidField } from '../../platform/errors.ts';
import { getCategory, getProductSummary } from '../catalog/index.ts';
import { currentPolicy } from '../configuration/index.ts';
import { getOrderDetail } from '../orders/index.ts';
import { refundedFen } from '../payments/index.ts';
import { refundedOnLine } from './request-steps.ts';
import { withinNoReasonWindow } from './rules/no-reason-window.rule.ts';
import { refundableFen } from './rules/refundable.rule.ts';
import { type LineFacts, type RequestOptions, requestOptions } from './rules/request-options.rule.ts';

export interface LineOptions extends RequestOptions {
  orderId: number;
  orderLineId: number;
  orderState: string;
  /** The guarantees on the line a buyer may claim. */
  claimable: string[];
  refund: {
    /** What a request for n units would refund, n = 1 … the line's quantity. */
    byQuantity: { quantity: number; amountFen: number }[];
    /** Refunds go back the way the buyer paid (原路退回). */
    destination: 'original_payment';
  };
}

/**
 * What a buyer may ask on a line of their order: the fitting types and reasons (the same the server
 * accepts when the request is opened) and what each quantity would refund, to show before submitting.
 */
export async function lineOptions(
  db: Executor,
  buyerId: number,
  orderId: number,
  orderLineId: number,
  now: Date,
): Promise<LineOptions> {
  const order = await getOrderDetail(db, orderId, { buyerId });
  const line = order.lines.find((l) => l.id === orderLineId);
  if (!line) throw invalidField('orderLineId', `is not a line of order ${orderId}`);
  const product = await getProductSummary(db, line.productId);
  const category = product ? await getCategory(db, product.categoryId) : null;
  const policy = await currentPolicy(db);
  const facts: LineFacts = {
    orderState: order.state,
    guarantees: line.guarantees,
    perishable: category?.perishable ?? false,
    regulatedType: category?.regulatedType ?? null,
    customMade: category?.customMade ?? false,
    isVirtual: category?.isVirtual ?? false,
    noReasonWindowOpen:
      order.deliveredAt !== null && withinNoReasonWindow(order.deliveredAt, now, policy.policy),
  };
  const refunded = await refundedOnLine(db, line.id);
  // §9: before shipment, a request taking the last of the order's items brings its shipping fee back too.
  const orderLeft =
    order.state === 'paid' && order.shippingFen > 0
      ? order.totalFen - (await refundedFen(db, { orderId, exceptDuplicatePayments: true }))
      : null;
  const byQuantity = Array.from({ length: line.quantity }, (_, i) => {
    const quantity = i + 1;
    const itemsFen = refundableFen({
      lineFen: line.paidFen,
      lineQuantity: line.quantity,
      quantity,
      refundedOnLineFen: refunded.fen,
      refundedUnits: Math.min(refunded.units, line.quantity - quantity),
    });
    const last = orderLeft !== null && itemsFen > 0 && itemsFen === orderLeft - order.shippingFen;
    return { quantity, amountFen: last ? orderLeft : itemsFen };
  });
  const claimWindows = policy.policy.claimWindows;
  return {
    orderId,
    orderLineId,
    orderState: order.state,
    ...requestOptions(facts),
    claimable: line.guarantees.filter((g) => Object.hasOwn(claimWindows, g)),
    refund: { byQuantity, destination: 'original_payment' },
  };
}
