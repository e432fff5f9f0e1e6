import { type Expression, type RawBuilder, sql } from 'kysely';
import type { Executor } from '../../platform/db.ts';

// What discovery's ranking and its report need from orders, set-based (product rules §7.4).

/** Units sold per product in orders paid since `since` and not cancelled (a product's 30-day sales). */
export async function unitsSoldSince(
  db: Executor,
  since: Date,
  productIds?: readonly number[],
): Promise<Map<number, number>> {
  if (productIds?.length === 0) return new Map();
  const result = await sql<{ productId: number; units: number }>`
    select l.product_id as "productId", sum(l.quantity)::int as units
    from orders o join order_lines l on l.order_id = o.id
    where o.paid_at >= ${since} and o.state in ('paid', 'shipped', 'delivered', 'completed')
      ${productIds ? sql`and l.product_id = any(${productIds}::bigint[])` : sql``}
    group by l.product_id`.execute(db);
  return new Map(result.rows.map((r) => [r.productId, r.units]));
}

/** Paid orders per live session (a room's sales), for the given sessions. */
export async function paidOrdersOfSessions(
  db: Executor,
  sessionIds: readonly number[],
): Promise<Map<number, number>> {
  if (sessionIds.length === 0) return new Map();
  const result = await sql<{ sessionId: number; orders: number }>`
    select live_session_id as "sessionId", count(*)::int as orders from orders
    where live_session_id = any(${sessionIds}::bigint[]) and paid_at is not null
    group by live_session_id`.execute(db);
  return new Map(result.rows.map((r) => [r.sessionId, r.orders]));
}

/**
 * True where the buyer paid for an order holding the product within `hours` after `from` (a click's
 * conversion). Over SQL expressions of the caller's row.
 */
export function orderedWithinSql(
  buyerId: Expression<number | null>,
  productId: Expression<number | null>,
  from: Expression<Date>,
  hours: number,
): RawBuilder<boolean> {
  return sql<boolean>`exists (
    select 1 from orders o join order_lines l on l.order_id = o.id
    where o.buyer_id = ${buyerId} and l.product_id = ${productId} and o.paid_at is not null
      and o.created_at >= ${from} and o.created_at < ${from} + make_interval(hours => ${hours}))`;
}
