import { type RawBuilder, sql } from 'kysely';

/**
 * Sub-queries over orders that other modules compose into their own set-based statements (a daily
 * refresh, a dashboard): the tables and columns stay orders' own, the reader sees only the named
 * columns each one returns. Placed in `from (…)` or `in (…)`, PostgreSQL plans them as if written inline.
 */

/** The product a line is of, or with no line (a request about the whole order) the order's first line's (scalar). */
export function productOfLineOrOrder(
  orderId: RawBuilder<unknown>,
  orderLineId: RawBuilder<unknown>,
): RawBuilder<number> {
  return sql<number>`coalesce(
    (select l.product_id from order_lines l where l.id = ${orderLineId}),
    (select l.product_id from order_lines l where l.order_id = ${orderId} order by l.id limit 1))`;
}

/**
 * Rows (order_id, buyer_id, product_id), one per line, of orders paid in (from, to] or listed by
 * `orOrderIds` (a sub-query of order ids).
 */
export function orderProducts(input: {
  paidFrom: Date;
  paidTo: Date;
  orOrderIds?: RawBuilder<unknown>;
}): RawBuilder<{
  orderId: number;
  buyerId: number;
  productId: number;
}> {
  const also = input.orOrderIds ? sql`or o.id in (${input.orOrderIds})` : sql``;
  return sql`
    select o.id as order_id, o.buyer_id, l.product_id
    from orders o join order_lines l on l.order_id = o.id
    where (o.paid_at > ${input.paidFrom} and o.paid_at <= ${input.paidTo}) ${also}`;
}

/** Ids of the shop's orders paid in (from, to]. */
export function orderIdsPaidBetween(input: {
  shopId: number;
  from: Date;
  to: Date;
}): RawBuilder<{ id: number }> {
  return sql`
    select o.id from orders o
    where o.shop_id = ${input.shopId} and o.paid_at > ${input.from} and o.paid_at <= ${input.to}`;
}

/** Ids of the shop's orders. */
export function orderIdsOfShop(shopId: number): RawBuilder<{ id: number }> {
  return sql`select o.id from orders o where o.shop_id = ${shopId}`;
}

/** Rows (id, total_fen) of the shop's orders that were paid and not cancelled: their money is, or was, in escrow. */
export function escrowOrdersOfShop(shopId: number): RawBuilder<{ id: number; totalFen: number }> {
  return sql`
    select o.id, o.total_fen from orders o
    where o.shop_id = ${shopId} and o.state in ('paid', 'shipped', 'delivered', 'completed')`;
}
