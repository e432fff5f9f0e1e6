import type { Executor } from '../../platform/db.ts';

/** Who each of these orders is between (buyer and shop), one query; unknown ids are left out. */
export async function orderPartiesOf(
  db: Executor,
  orderIds: readonly number[],
): Promise<{ id: number; buyerId: number; shopId: number }[]> {
  if (orderIds.length === 0) return [];
  return db.selectFrom('orders').select(['id', 'buyerId', 'shopId']).where('id', 'in', orderIds).execute();
}
