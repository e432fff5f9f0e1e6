import type { Executor } from '../../platform/db.ts';

/** An order that completed, with its parties (the NPS survey's sampling input). */
export interface CompletedOrder {
  orderId: number;
  shopId: number;
  buyerId: number;
  completedAt: Date;
}

/** Orders completed in (after, until], oldest first (indexed on completed_at). */
export async function ordersCompletedBetween(
  db: Executor,
  after: Date,
  until: Date,
): Promise<CompletedOrder[]> {
  const rows = await db
    .selectFrom('orders')
    .select(['id', 'shopId', 'buyerId', 'completedAt'])
    .where('state', '=', 'completed')
    .where('completedAt', '>', after)
    .where('completedAt', '<=', until)
    .orderBy('completedAt')
    .orderBy('id')
    .execute();
  return rows.map((r) => ({
    orderId: r.id,
    shopId: r.shopId,
    buyerId: r.buyerId,
    completedAt: r.completedAt!,
  }));
}
