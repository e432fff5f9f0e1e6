import type { Executor, Tx } from '../../platform/db.ts';

/** Who an order belongs to, unlocked: read before the locks that come ahead of the order row. */
export async function orderParties(
  db: Executor,
  orderId: number,
): Promise<{ shopId: number; buyerId: number } | undefined> {
  return db.selectFrom('orders').select(['shopId', 'buyerId']).where('id', '=', orderId).executeTakeFirst();
}

/**
 * The order row locked for an after-sales change. docs/ARCHITECTURE.md "After-sales": the caller has
 * taken the deadline row, the request row and the shop's settlement status row first.
 */
export async function lockOrderForAftersales(tx: Tx, orderId: number) {
  return tx
    .selectFrom('orders')
    .select(['id', 'shopId', 'buyerId', 'state', 'deliveredAt', 'completedAt', 'totalFen', 'shippingFen'])
    .where('id', '=', orderId)
    .forUpdate()
    .executeTakeFirstOrThrow();
}

/** The state, total and buyer of an order (unlocked). */
export async function orderStateOf(db: Executor, orderId: number) {
  return db
    .selectFrom('orders')
    .select(['state', 'totalFen', 'buyerId'])
    .where('id', '=', orderId)
    .executeTakeFirstOrThrow();
}

/** A line as after-sales reads it; `orderId` (when given) must be its order. */
export async function orderLineForAftersales(db: Executor, lineId: number, orderId?: number) {
  let query = db
    .selectFrom('orderLines')
    .select([
      'id',
      'orderId',
      'skuId',
      'productId',
      'title',
      'spec',
      'unitPriceFen',
      'quantity',
      'lineFen',
      'paidFen',
      'guarantees',
    ])
    .where('id', '=', lineId);
  if (orderId !== undefined) query = query.where('orderId', '=', orderId);
  return query.executeTakeFirst();
}
