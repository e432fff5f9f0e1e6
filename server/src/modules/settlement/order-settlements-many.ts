import { sql } from 'kysely';
import type { Executor } from '../../platform/db.ts';

/** Of `orderIds`, the orders that have a settlement (settled or frozen): their refunds need settlement's rules. */
export async function ordersWithSettlement(db: Executor, orderIds: readonly number[]): Promise<Set<number>> {
  if (orderIds.length === 0) return new Set();
  const rows = await sql<{ orderId: number }>`
    select order_id from settlements where order_id = any(${[...orderIds]}::bigint[])`.execute(db);
  return new Set(rows.rows.map((r) => r.orderId));
}
