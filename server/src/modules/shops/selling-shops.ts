import type { Executor } from '../../platform/db.ts';
import { SELLING_SHOP_STATES } from './shop-sql.ts';

/** Ids of the shops that sell now, oldest first; with `createdSince`, only those opened since then. */
export async function sellingShops(
  db: Executor,
  opts: { createdSince?: Date } = {},
): Promise<{ id: number; createdAt: Date }[]> {
  let query = db
    .selectFrom('shops')
    .select(['id', 'createdAt'])
    .where('state', 'in', [...SELLING_SHOP_STATES])
    .orderBy('id');
  if (opts.createdSince) query = query.where('createdAt', '>=', opts.createdSince);
  return query.execute();
}
