import type { Executor } from '../../platform/db.ts';

/** How many products each shop has listed now (0 for a shop with none). */
export async function listedProductCounts(
  db: Executor,
  shopIds: readonly number[],
): Promise<Map<number, number>> {
  const counts = new Map(shopIds.map((id) => [id, 0]));
  if (shopIds.length === 0) return counts;
  const rows = await db
    .selectFrom('products')
    .select(['shopId', (eb) => eb.fn.countAll<string>().as('n')])
    .where('shopId', 'in', [...shopIds])
    .where('state', '=', 'listed')
    .groupBy('shopId')
    .execute();
  for (const row of rows) counts.set(row.shopId, Number(row.n));
  return counts;
}
