import type { Executor } from '../../platform/db.ts';
import type { OrderState } from './orders.tables.ts';

export interface OrderFacts {
  id: number;
  buyerId: number;
  shopId: number;
  state: OrderState;
}

/** Who an order is between and where it stands, for other modules' checks (a review, a report); no lock. */
export async function orderFacts(db: Executor, orderId: number): Promise<OrderFacts | undefined> {
  return db
    .selectFrom('orders')
    .select(['id', 'buyerId', 'shopId', 'state'])
    .where('id', '=', orderId)
    .executeTakeFirst();
}

/** One line of an order (its product), or undefined when the line is not the order's. */
export async function orderLineOf(
  db: Executor,
  orderId: number,
  orderLineId: number,
): Promise<{ id: number; productId: number } | undefined> {
  return db
    .selectFrom('orderLines')
    .select(['id', 'productId'])
    .where('id', '=', orderLineId)
    .where('orderId', '=', orderId)
    .executeTakeFirst();
}
