import type { Executor } from '../../platform/db.ts';

/** The reviews of the given orders (whatever their screening state), oldest first; for care's rules and story. */
export async function reviewsOfOrders(db: Executor, orderIds: readonly number[]) {
  if (orderIds.length === 0) return [];
  return db
    .selectFrom('reviews')
    .select(['id', 'orderId', 'orderLineId', 'productId', 'buyerId', 'rating', 'text', 'state', 'createdAt'])
    .where('orderId', 'in', orderIds)
    .orderBy('id')
    .execute();
}
