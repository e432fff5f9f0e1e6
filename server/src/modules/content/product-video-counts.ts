import type { Executor } from '../../platform/db.ts';

/** Per shop, its visible videos linked to a product (挂车短视频) published in [from, to) (0 for none). */
export async function productVideoCounts(
  db: Executor,
  shopIds: readonly number[],
  from: Date,
  to: Date,
): Promise<Map<number, number>> {
  const counts = new Map(shopIds.map((id) => [id, 0]));
  if (shopIds.length === 0) return counts;
  const rows = await db
    .selectFrom('videos')
    .select(['shopId', (eb) => eb.fn.countAll<string>().as('n')])
    .where('shopId', 'in', [...shopIds])
    .where('productId', 'is not', null)
    .where('state', '=', 'visible')
    .where('createdAt', '>=', from)
    .where('createdAt', '<', to)
    .groupBy('shopId')
    .execute();
  for (const row of rows) counts.set(row.shopId!, Number(row.n));
  return counts;
}
