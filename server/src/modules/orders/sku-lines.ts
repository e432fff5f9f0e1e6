import { type RawBuilder, sql } from 'kysely';

/**
 * Rows (order_id, order_line_id, sku_id, product_id, paid_at, delivered_at), one per line of the
 * orders paid in (from, to]: a sub-query for set-based statements over SKUs (proactive protection's
 * quality-refund rates per SKU and category). PostgreSQL plans it as if written inline.
 */
export function paidSkuLines(input: { paidFrom: Date; paidTo: Date }): RawBuilder<{
  orderId: number;
  orderLineId: number;
  skuId: number;
  productId: number;
  paidAt: Date;
  deliveredAt: Date | null;
}> {
  return sql`
    select o.id as order_id, l.id as order_line_id, l.sku_id, l.product_id, o.paid_at, o.delivered_at
    from orders o join order_lines l on l.order_id = o.id
    where o.paid_at > ${input.paidFrom} and o.paid_at <= ${input.paidTo}`;
}
