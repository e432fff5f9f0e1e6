import { sql } from 'kysely';
import type { Executor } from '../../platform/db.ts';

/** A shop's completed orders in a window and how many buyers placed them. */
export interface ShopOrderFacts {
  shopId: number;
  completedOrders: number;
  buyers: number;
}

/**
 * Per shop, the orders completed in [from, to) and their distinct buyers: one set-based query for all
 * shops (or those given). Buyers labelled high-refund still count here: only their after-sales
 * requests are left out of merchant metrics (DOMAIN.md §7). Shops without a completed order are absent.
 */
export async function shopOrderFacts(
  db: Executor,
  from: Date,
  to: Date,
  shopIds?: readonly number[],
): Promise<ShopOrderFacts[]> {
  const { rows } = await sql<ShopOrderFacts>`
    select shop_id, count(*)::int as completed_orders, count(distinct buyer_id)::int as buyers
    from orders
    where state = 'completed' and completed_at >= ${from} and completed_at < ${to}
      ${shopIds ? sql`and shop_id = any(${[...shopIds]}::bigint[])` : sql``}
    group by shop_id`.execute(db);
  return rows;
}
