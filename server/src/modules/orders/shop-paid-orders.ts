import { sql } from 'kysely';
import type { Executor } from '../../platform/db.ts';

/** A shop's orders paid in a window and what buyers paid for them (GMV, fen). */
export interface ShopPaidOrders {
  paidOrders: number;
  gmvFen: number;
}

/** Per shop, the orders paid in [from, to) that were not cancelled, and their total (0 when none). */
export async function shopPaidOrders(
  db: Executor,
  shopIds: readonly number[],
  from: Date,
  to: Date,
): Promise<Map<number, ShopPaidOrders>> {
  const facts = new Map(shopIds.map((id) => [id, { paidOrders: 0, gmvFen: 0 }]));
  if (shopIds.length === 0) return facts;
  const rows = await db
    .selectFrom('orders')
    .select([
      'shopId',
      (eb) => eb.fn.countAll<string>().as('n'),
      sql<string>`coalesce(sum(total_fen), 0)`.as('gmv'),
    ])
    .where('shopId', 'in', [...shopIds])
    .where('paidAt', '>=', from)
    .where('paidAt', '<', to)
    .where('state', '<>', 'cancelled')
    .groupBy('shopId')
    .execute();
  for (const row of rows) facts.set(row.shopId, { paidOrders: Number(row.n), gmvFen: Number(row.gmv) });
  return facts;
}
