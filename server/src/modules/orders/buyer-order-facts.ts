import { sql } from 'kysely';
import type { Executor } from '../../platform/db.ts';

/** A buyer's orders as the good-buyer tier reads them (product rules §7.6). */
export interface BuyerOrderFacts {
  /** Orders ever completed. */
  completedOrders: number;
  /** Orders paid after `paidSince`. */
  paidSince: number;
}

/** One buyer's completed orders (ever) and orders paid since a time: one statement on the buyer's orders. */
export async function buyerOrderFacts(
  db: Executor,
  buyerId: number,
  paidSince: Date,
): Promise<BuyerOrderFacts> {
  const row = await sql<BuyerOrderFacts>`
    select count(*) filter (where o.state = 'completed')::int as completed_orders,
           count(*) filter (where o.paid_at > ${paidSince})::int as paid_since
    from orders o where o.buyer_id = ${buyerId}`.execute(db);
  return row.rows[0] ?? { completedOrders: 0, paidSince: 0 };
}
