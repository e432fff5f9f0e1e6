import type { Executor } from '../../platform/db.ts';

/** Per shop, the followers who followed in [from, to) and still follow (0 for none). */
export async function shopFollowerGains(
  db: Executor,
  shopIds: readonly number[],
  from: Date,
  to: Date,
): Promise<Map<number, number>> {
  const gains = new Map(shopIds.map((id) => [id, 0]));
  if (shopIds.length === 0) return gains;
  const rows = await db
    .selectFrom('follows')
    .select(['targetId', (eb) => eb.fn.countAll<string>().as('n')])
    .where('targetKind', '=', 'shop')
    .where('targetId', 'in', [...shopIds])
    .where('createdAt', '>=', from)
    .where('createdAt', '<', to)
    .groupBy('targetId')
    .execute();
  for (const row of rows) gains.set(row.targetId, Number(row.n));
  return gains;
}
