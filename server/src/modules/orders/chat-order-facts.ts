import type { Executor } from '../../platform/db.ts';
import type { OrderState } from './orders.tables.ts';

/** What the customer-service bot tells a buyer about one of their orders with a shop. */
export interface ChatOrderFacts {
  id: number;
  state: OrderState;
  paidAt: Date | null;
  shipByAt: Date | null;
  shippedAt: Date | null;
  deliveredAt: Date | null;
  presaleShipDays: number | null;
  /** The first line's product (the order card's picture). */
  productId: number | null;
}

/**
 * The buyer's order with the shop: the one named (when it is theirs with this shop), else their latest
 * paid one. No lock.
 */
export async function buyerOrderWithShop(
  db: Executor,
  input: { buyerId: number; shopId: number; orderId?: number | null },
): Promise<ChatOrderFacts | undefined> {
  return db
    .selectFrom('orders as o')
    .select([
      'o.id',
      'o.state',
      'o.paidAt',
      'o.shipByAt',
      'o.shippedAt',
      'o.deliveredAt',
      'o.presaleShipDays',
    ])
    .select((eb) =>
      eb
        .selectFrom('orderLines as l')
        .select('l.productId')
        .whereRef('l.orderId', '=', 'o.id')
        .orderBy('l.id')
        .limit(1)
        .as('productId'),
    )
    .where('o.buyerId', '=', input.buyerId)
    .where('o.shopId', '=', input.shopId)
    .$call((q) =>
      input.orderId
        ? q.where('o.id', '=', input.orderId)
        : q.where('o.paidAt', 'is not', null).orderBy('o.paidAt', 'desc').orderBy('o.id', 'desc').limit(1),
    )
    .executeTakeFirst();
}
