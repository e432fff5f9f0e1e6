import { sql } from 'kysely';
import type { Tx } from '../../platform/db.ts';

// Set-based statements of the checkout batch on orders' own tables: each runs once per batch, whatever
// its size, with arrays bound as parameters (unnest), so a batch of 100 checkouts costs about as many
// round trips as a batch of one. Prices and stock are catalog's (catalog/checkout-stock.ts).

/** Units each buyer already holds of limited SKUs, rows locked so concurrent checkouts queue. */
export async function lockPurchases(
  tx: Tx,
  pairs: { buyerId: number; skuId: number }[],
): Promise<Map<string, number>> {
  if (pairs.length === 0) return new Map();
  const buyers = pairs.map((p) => p.buyerId);
  const skus = pairs.map((p) => p.skuId);
  await sql`
    insert into buyer_sku_purchases (buyer_id, sku_id, quantity)
    select b, s, 0 from unnest(${buyers}::bigint[], ${skus}::bigint[]) as v(b, s)
    order by b, s
    on conflict do nothing`.execute(tx);
  const result = await sql<{ buyerId: number; skuId: number; quantity: number }>`
    select p.buyer_id, p.sku_id, p.quantity from buyer_sku_purchases p
    join unnest(${buyers}::bigint[], ${skus}::bigint[]) as v(b, s) on p.buyer_id = v.b and p.sku_id = v.s
    order by p.buyer_id, p.sku_id
    for update of p`.execute(tx);
  return new Map(result.rows.map((r) => [`${r.buyerId}:${r.skuId}`, r.quantity]));
}

export async function addPurchases(
  tx: Tx,
  rows: { buyerId: number; skuId: number; quantity: number }[],
): Promise<void> {
  if (rows.length === 0) return;
  await sql`
    update buyer_sku_purchases p set quantity = p.quantity + v.q
    from unnest(${rows.map((r) => r.buyerId)}::bigint[], ${rows.map((r) => r.skuId)}::bigint[], ${rows.map((r) => r.quantity)}::int[]) as v(b, s, q)
    where p.buyer_id = v.b and p.sku_id = v.s`.execute(tx);
}

export async function nextIds(
  tx: Tx,
  groups: number,
  orders: number,
): Promise<{ groups: number[]; orders: number[] }> {
  const result = await sql<{ groups: string[]; orders: string[] }>`
    select array(select nextval(pg_get_serial_sequence('order_groups', 'id')) from generate_series(1, ${groups}::int)) as groups,
           array(select nextval(pg_get_serial_sequence('orders', 'id')) from generate_series(1, ${orders}::int)) as orders`.execute(
    tx,
  );
  const row = result.rows[0]!;
  return { groups: row.groups.map(Number), orders: row.orders.map(Number) };
}

export interface NewGroup {
  id: number;
  buyerId: number;
  totalFen: number;
}

export interface NewOrder {
  id: number;
  groupId: number;
  buyerId: number;
  shopId: number;
  itemsFen: number;
  shippingFen: number;
  shopDiscountFen: number;
  platformDiscountFen: number;
  totalFen: number;
  shopCouponId: number | null;
  platformCouponId: number | null;
  /** The address snapshot as JSON text. */
  address: string | null;
  presaleShipDays: number | null;
  liveSessionId: number | null;
  hostUserId: number | null;
  paymentDueAt: Date;
}

export interface NewLine {
  orderId: number;
  skuId: number;
  productId: number;
  title: string;
  spec: string;
  unitPriceFen: number;
  quantity: number;
  lineFen: number;
  platformCommissionBp: number;
  creatorCommissionBp: number;
  guarantees: string[];
  flashSaleId: number | null;
  listUnitPriceFen: number | null;
  shopDiscountFen: number;
  platformDiscountFen: number;
  paidFen: number;
}

/**
 * The batch's groups, orders and lines: one statement. The timeline's first event (placed by the buyer)
 * is not stored: it is read from the order row (`orders.service.ts`, `derivedEvents`).
 */
export async function insertOrders(
  tx: Tx,
  now: Date,
  groups: NewGroup[],
  orders: NewOrder[],
  lines: NewLine[],
) {
  await sql`
    with new_groups as (
      insert into order_groups (id, buyer_id, total_fen, created_at) overriding system value
      select id, b, t, ${now} from unnest(${groups.map((g) => g.id)}::bigint[], ${groups.map((g) => g.buyerId)}::bigint[],
                                   ${groups.map((g) => g.totalFen)}::bigint[]) as v(id, b, t)
    ),
    new_orders as (
      insert into orders (id, group_id, buyer_id, shop_id, items_fen, shipping_fen, shop_discount_fen,
                          platform_discount_fen, total_fen, shop_coupon_id, platform_coupon_id, address,
                          presale_ship_days, live_session_id, host_user_id, payment_due_at, created_at, updated_at)
        overriding system value
      select id, g, b, s, i, sh, sd, pd, t, sc, pc, a::jsonb, ps, l, h, d, ${now}, ${now}
      from unnest(${orders.map((o) => o.id)}::bigint[], ${orders.map((o) => o.groupId)}::bigint[],
                  ${orders.map((o) => o.buyerId)}::bigint[], ${orders.map((o) => o.shopId)}::bigint[],
                  ${orders.map((o) => o.itemsFen)}::bigint[], ${orders.map((o) => o.shippingFen)}::bigint[],
                  ${orders.map((o) => o.shopDiscountFen)}::bigint[], ${orders.map((o) => o.platformDiscountFen)}::bigint[],
                  ${orders.map((o) => o.totalFen)}::bigint[], ${orders.map((o) => o.shopCouponId)}::bigint[],
                  ${orders.map((o) => o.platformCouponId)}::bigint[], ${orders.map((o) => o.address)}::text[],
                  ${orders.map((o) => o.presaleShipDays)}::int[],
                  ${orders.map((o) => o.liveSessionId)}::bigint[], ${orders.map((o) => o.hostUserId)}::bigint[],
                  ${orders.map((o) => o.paymentDueAt)}::timestamptz[])
        as v(id, g, b, s, i, sh, sd, pd, t, sc, pc, a, ps, l, h, d)
    )
    -- Guarantee codes never contain commas: a text[] per line travels as one joined string.
    insert into order_lines (order_id, sku_id, product_id, title, spec, unit_price_fen, quantity, line_fen,
                             platform_commission_bp, creator_commission_bp, guarantees, flash_sale_id,
                             list_unit_price_fen, shop_discount_fen, platform_discount_fen, paid_fen)
    select o, s, p, t, sp, u, q, lf, pc, cc, coalesce(string_to_array(nullif(g, ''), ','), '{}')::text[],
           fs, lu, sd, pd, pf
    from unnest(${lines.map((l) => l.orderId)}::bigint[], ${lines.map((l) => l.skuId)}::bigint[],
                  ${lines.map((l) => l.productId)}::bigint[], ${lines.map((l) => l.title)}::text[],
                  ${lines.map((l) => l.spec)}::text[], ${lines.map((l) => l.unitPriceFen)}::bigint[],
                  ${lines.map((l) => l.quantity)}::int[], ${lines.map((l) => l.lineFen)}::bigint[],
                  ${lines.map((l) => l.platformCommissionBp)}::int[], ${lines.map((l) => l.creatorCommissionBp)}::int[],
                  ${lines.map((l) => l.guarantees.join(','))}::text[], ${lines.map((l) => l.flashSaleId)}::bigint[],
                  ${lines.map((l) => l.listUnitPriceFen)}::bigint[], ${lines.map((l) => l.shopDiscountFen)}::bigint[],
                  ${lines.map((l) => l.platformDiscountFen)}::bigint[], ${lines.map((l) => l.paidFen)}::bigint[])
      as v(o, s, p, t, sp, u, q, lf, pc, cc, g, fs, lu, sd, pd, pf)`.execute(tx);
}
