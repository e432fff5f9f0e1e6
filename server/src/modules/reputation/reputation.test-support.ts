import { sql } from 'kysely';
import type { Executor } from '../../platform/db.ts';

/**
 * Completed orders written straight into the tables (no checkout), for the score's tests and
 * bench:reputation: `perShop` orders for each shop, one line each of `skuIds[i]` (the shop's SKU),
 * bought in turn by `buyerIds`, completed at `completedAt`. One statement for any number of shops.
 * Returns each new order with its line, shop and buyer, in order of id.
 */
export async function insertCompletedOrders(
  db: Executor,
  input: {
    shopIds: readonly number[];
    skuIds: readonly number[];
    productIds: readonly number[];
    buyerIds: readonly number[];
    perShop: number;
    completedAt: Date;
    priceFen?: number;
    returning?: boolean;
  },
): Promise<{ orderId: number; lineId: number; shopId: number; buyerId: number }[]> {
  const price = input.priceFen ?? 5_000;
  const total = input.shopIds.length * input.perShop;
  const done = input.completedAt;
  const paid = new Date(done.getTime() - 10 * 86_400_000);
  const { rows } = await sql<{ orderId: number; lineId: number; shopId: number; buyerId: number }>`
    with grp as (
      insert into order_groups (buyer_id, total_fen)
      select ${input.buyerIds[0]!}, ${price} from generate_series(1, ${total})
      returning id
    ), numbered as (
      select id, (row_number() over (order by id) - 1)::int as n from grp
    ), o as (
      insert into orders (group_id, buyer_id, shop_id, state, items_fen, total_fen, payment_due_at, paid_at,
        ship_by_at, shipped_at, delivered_at, completed_at, created_at, updated_at)
      select g.id,
        (${[...input.buyerIds]}::bigint[])[1 + g.n % ${input.buyerIds.length}],
        (${[...input.shopIds]}::bigint[])[1 + g.n / ${input.perShop}],
        'completed', ${price}, ${price}, ${paid}, ${paid}, ${paid}, ${paid}, ${paid}, ${done}, ${paid}, ${done}
      from numbered g
      returning id, shop_id, buyer_id
    ), l as (
      insert into order_lines (order_id, sku_id, product_id, title, spec, unit_price_fen, quantity, line_fen,
        paid_fen, platform_commission_bp)
      select o.id,
        (${[...input.skuIds]}::bigint[])[array_position(${[...input.shopIds]}::bigint[], o.shop_id)],
        (${[...input.productIds]}::bigint[])[array_position(${[...input.shopIds]}::bigint[], o.shop_id)],
        '测试商品', '默认', ${price}, 1, ${price}, ${price}, 500
      from o
      returning id, order_id
    )
    select o.id as order_id, l.id as line_id, o.shop_id, o.buyer_id
    from o join l on l.order_id = o.id
    ${input.returning === false ? sql`where false` : sql``}
    order by o.id`.execute(db);
  return rows;
}

/** A refunded quality-refund request on an order's line, opened at `at` (as after-sales would leave it). */
export async function insertQualityRefunds(
  db: Executor,
  orders: readonly { orderId: number; lineId: number; shopId: number; buyerId: number }[],
  at: Date,
  configVersion: number,
) {
  if (orders.length === 0) return;
  await sql`
    insert into aftersales_requests (order_id, order_line_id, buyer_id, shop_id, type, reason, quantity,
      requested_fen, approved_fen, state, attempt, config_version, created_at, updated_at, closed_at)
    select o.order_id, o.line_id, o.buyer_id, o.shop_id, 'refund_only', 'quality_issue', 1, 5000, 5000,
      'refunded', 1, ${configVersion}, ${at}, ${at}, ${at}
    from jsonb_to_recordset(${JSON.stringify(
      orders.map((o) => ({ order_id: o.orderId, line_id: o.lineId, shop_id: o.shopId, buyer_id: o.buyerId })),
    )}::jsonb) as o(order_id bigint, line_id bigint, shop_id bigint, buyer_id bigint)`.execute(db);
}
