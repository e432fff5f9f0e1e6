import { sql } from 'kysely';
import type { Executor } from '../../platform/db.ts';
import type { TrackingStatus } from './tracking.machine.ts';

export interface StalledParcel {
  orderId: number;
  shopId: number;
  shipmentId: number;
  status: TrackingStatus;
  shippedAt: Date;
  /** The carrier's last report (the shipment's creation counts). */
  lastEventAt: Date;
}

/**
 * Parcels still on their way (not delivered, not lost) whose tracking last moved within
 * [`lastEventAfter`, `lastEventBefore`], for care's stalled-parcel rule. One statement; at most
 * `limit`, the most recently stalled first (the ones a rerun has not seen for long).
 */
export async function stalledParcels(
  db: Executor,
  lastEventBefore: Date,
  lastEventAfter: Date,
  limit = 5_000,
): Promise<StalledParcel[]> {
  const result = await sql<StalledParcel>`
    select s.order_id as "orderId", s.shop_id as "shopId", s.id as "shipmentId", s.status,
           s.shipped_at as "shippedAt", coalesce(e.last_at, s.shipped_at) as "lastEventAt"
    from shipments s
    left join lateral (select max(at) as last_at from shipment_events where shipment_id = s.id) e on true
    where s.status in ('created', 'picked_up', 'in_transit')
      and coalesce(e.last_at, s.shipped_at) <= ${lastEventBefore}
      and coalesce(e.last_at, s.shipped_at) >= ${lastEventAfter}
    order by coalesce(e.last_at, s.shipped_at) desc, s.id
    limit ${limit}`.execute(db);
  return result.rows;
}
