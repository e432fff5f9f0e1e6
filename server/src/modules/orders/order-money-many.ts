import { sql } from 'kysely';
import type { Executor, Tx } from '../../platform/db.ts';
import type { Fen } from '../../platform/money.ts';
import type { MoneyOrder } from './order-money.ts';

/*
 * The reads of order-money.ts for many orders at once, for set-based callers (the after-sales deadline
 * runner fires hundreds of default actions in one transaction): one statement instead of one per order.
 */

/**
 * Locks many order rows for a money operation that moves no shop money (a refund out of the order's own
 * escrowed money), in id order: two transactions sharing orders wait for each other, never deadlock.
 */
export async function lockOrdersForRefund(
  tx: Tx,
  orderIds: readonly number[],
): Promise<Map<number, MoneyOrder>> {
  if (orderIds.length === 0) return new Map();
  const rows = await sql<MoneyOrder>`
    select id, shop_id, buyer_id, state, total_fen, shipping_fen, platform_discount_fen, host_user_id, completed_at
    from orders where id = any(${[...orderIds]}::bigint[])
    order by id
    for update`.execute(tx);
  return new Map(rows.rows.map((o) => [o.id, o]));
}

/** `lineAmountOf` for many lines: what the buyer paid for each, with its order. */
export async function lineAmountsOf(
  db: Executor,
  lineIds: readonly number[],
): Promise<Map<number, { orderId: number; paidFen: Fen }>> {
  if (lineIds.length === 0) return new Map();
  const rows = await sql<{ id: number; orderId: number; paidFen: Fen }>`
    select id, order_id, paid_fen from order_lines where id = any(${[...lineIds]}::bigint[])`.execute(db);
  return new Map(rows.rows.map((l) => [l.id, { orderId: l.orderId, paidFen: l.paidFen }]));
}

/** Of `orderIds`, the completed orders. */
export async function completedOrderIds(db: Executor, orderIds: readonly number[]): Promise<number[]> {
  if (orderIds.length === 0) return [];
  const rows = await sql<{ id: number }>`
    select id from orders where id = any(${[...orderIds]}::bigint[]) and state = 'completed'
    order by id`.execute(db);
  return rows.rows.map((r) => r.id);
}
