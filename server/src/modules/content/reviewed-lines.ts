import type { Executor } from '../../platform/db.ts';

/** The order lines a buyer has reviewed (each line is reviewed at most once), whatever the review's state. */
export async function reviewedLineIds(db: Executor, buyerId: number): Promise<number[]> {
  const rows = await db.selectFrom('reviews').select('orderLineId').where('buyerId', '=', buyerId).execute();
  return rows.map((r) => r.orderLineId);
}
