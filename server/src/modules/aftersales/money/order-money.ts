import type { Tx } from '../../../platform/db.ts';
import type { Fen } from '../../../platform/money.ts';
import { lockOrderForMoney as lockOrderRow, orderShopAndState } from '../../orders/index.ts';
import { refundedFen } from '../../payments/index.ts';
import { lockShopStatus } from '../../settlement/index.ts';

export interface LockedOrder {
  id: number;
  shopId: number;
  buyerId: number;
  state: string;
  totalFen: Fen;
  shippingFen: Fen;
}

/**
 * Locks an order for a money operation in the order every money operation of a shop follows: the
 * shop's status lock first, then the order row (no deadlock with settlement). Null when no such order.
 */
export async function lockOrderForMoney(tx: Tx, orderId: number, now: Date): Promise<LockedOrder | null> {
  const peek = await orderShopAndState(tx, orderId);
  if (!peek) return null;
  await lockShopStatus(tx, peek.shopId, now);
  const { id, shopId, buyerId, state, totalFen, shippingFen } = await lockOrderRow(tx, orderId);
  return { id, shopId, buyerId, state, totalFen, shippingFen };
}

/** What the buyer has been, or is being, paid back of the order's payment (pending and succeeded). */
export function refundedOfOrder(tx: Tx, orderId: number, paymentId: number): Promise<Fen> {
  return refundedFen(tx, { orderId, paymentId });
}
