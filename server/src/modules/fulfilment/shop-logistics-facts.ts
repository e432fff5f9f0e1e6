import { sql } from 'kysely';
import type { Executor } from '../../platform/db.ts';

/** A shop's shipments in a window: how many, how many were handed over by the ship-by promise, delivery time. */
export interface ShopLogisticsFacts {
  shopId: number;
  shipped: number;
  /** shipments whose order has no `ship_by_missed` incident */
  pickedUpInTime: number;
  /** median of delivered − shipped over the delivered ones; null when none was delivered */
  medianDeliveryMs: number | null;
}

/**
 * Per shop, the shipments sent in [from, to): one set-based query for all shops (or those given).
 * A shipment is in time unless its order missed the ship-by promise (the ship-by deadline records a
 * `ship_by_missed` incident when it passes unshipped).
 */
export async function shopLogisticsFacts(
  db: Executor,
  from: Date,
  to: Date,
  shopIds?: readonly number[],
): Promise<ShopLogisticsFacts[]> {
  // Hash joins over the window's shipments (no per-shipment lookups): 10,000 shops in one pass.
  const { rows } = await sql<ShopLogisticsFacts>`
    with s as (
      select id, order_id, shop_id, shipped_at from shipments
      where shipped_at >= ${from} and shipped_at < ${to}
        ${shopIds ? sql`and shop_id = any(${[...shopIds]}::bigint[])` : sql``}
    ), d as (
      select e.shipment_id, min(e.at) as at from shipment_events e join s on s.id = e.shipment_id
      where e.event = 'delivered' group by e.shipment_id
    ), m as (
      select distinct i.order_id from fulfilment_incidents i join s on s.order_id = i.order_id
      where i.kind = 'ship_by_missed'
    )
    select s.shop_id,
      count(*)::int as shipped,
      (count(*) filter (where m.order_id is null))::int as picked_up_in_time,
      (percentile_cont(0.5) within group (order by extract(epoch from d.at - s.shipped_at) * 1000))::float8
        as median_delivery_ms
    from s left join d on d.shipment_id = s.id left join m on m.order_id = s.order_id
    group by s.shop_id`.execute(db);
  return rows.map((r) => ({
    ...r,
    medianDeliveryMs: r.medianDeliveryMs === null ? null : Math.round(r.medianDeliveryMs),
  }));
}
