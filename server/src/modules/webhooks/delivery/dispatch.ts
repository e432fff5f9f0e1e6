import { sql } from 'kysely';
import type { Db } from '../../../platform/db.ts';

export interface DispatchCounts {
  /** Outbox rows marked dispatched. */
  events: number;
  /** Deliveries written for them (one per subscribed endpoint). */
  deliveries: number;
}

/**
 * Fans one batch of undispatched outbox events out into deliveries, in one transaction of one
 * statement: claims the oldest `batchSize` undispatched rows in id order (FOR UPDATE SKIP LOCKED),
 * writes one `pending` delivery per enabled, non-deleted endpoint that subscribes to the event's type
 * (a shop's endpoints: its own events; platform endpoints, shop_id null: every event), due at `now`,
 * and marks the rows dispatched. Only one process fans out at a time (a transaction-scoped advisory
 * lock, tried without waiting): events reach deliveries in id order, which per-resource order rests on.
 * Returns zeros when another process holds the lock.
 */
export async function dispatchBatch(db: Db, now: Date, batchSize: number): Promise<DispatchCounts> {
  return db.transaction().execute(async (tx) => {
    const locked = await sql<{ ok: boolean }>`
      select pg_try_advisory_xact_lock(hashtextextended('xinren.webhooks.dispatch', 0)) as ok`.execute(tx);
    if (!locked.rows[0]!.ok) return { events: 0, deliveries: 0 };
    const result = await sql<DispatchCounts>`
      with batch as (
        select id, event_id, type, shop_id, resource from outbox_events
        where dispatched_at is null
        order by id
        limit ${batchSize}
        for update skip locked),
      targets as (
        select b.id as outbox_id, b.event_id, b.type, b.resource, e.id as endpoint_id
        from batch b
        join webhook_endpoints e on e.shop_id = b.shop_id
        where e.deleted_at is null and e.state = 'enabled' and b.type = any(e.event_types)
        union all
        select b.id, b.event_id, b.type, b.resource, e.id
        from batch b
        cross join webhook_endpoints e
        where e.shop_id is null and e.deleted_at is null and e.state = 'enabled'
          and b.type = any(e.event_types)),
      inserted as (
        insert into webhook_deliveries
          (endpoint_id, outbox_id, event_id, event_type, resource, state, next_attempt_at, created_at)
        select endpoint_id, outbox_id, event_id, type, resource, 'pending', ${now}, ${now}
        from targets
        order by outbox_id, endpoint_id
        returning 1),
      marked as (
        update outbox_events o set dispatched_at = ${now}
        from batch b where o.id = b.id
        returning 1)
      select (select count(*) from marked)::int as events, (select count(*) from inserted)::int as deliveries
    `.execute(tx);
    return result.rows[0]!;
  });
}
