import { type RawBuilder, sql } from 'kysely';
import type { Db, Tx } from '../../../platform/db.ts';

export interface DispatchCounts {
  /** Outbox rows marked dispatched. */
  events: number;
  /** Deliveries written for them (one per subscribed endpoint). */
  deliveries: number;
}

/**
 * The fan-out, one statement: for the outbox rows `batch` selects (and locks), one `pending` delivery
 * per enabled, non-deleted endpoint that subscribes to the event's type (a shop's endpoints: its own
 * events; platform endpoints, shop_id null: every event), due at `now`, and the rows marked
 * dispatched. `batch` must select `id, event_id, type, shop_id, resource` of undispatched rows only.
 * The PostgreSQL polling path and the stream consumer (outbox-stream.ts) share it: the same endpoints
 * match whichever way an event came.
 */
async function fanOut(tx: Tx, batch: RawBuilder<unknown>, now: Date): Promise<DispatchCounts> {
  const result = await sql<DispatchCounts>`
    with batch as (${batch}),
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
}

/**
 * Fans one batch of undispatched outbox events out into deliveries (the PostgreSQL polling path), in
 * one transaction of one statement: claims the oldest `batchSize` undispatched rows in id order (FOR
 * UPDATE SKIP LOCKED) and fans them out (`fanOut`). Only one process fans out at a time (a
 * transaction-scoped advisory lock, tried without waiting): events reach deliveries in id order, which
 * per-resource order rests on. Returns zeros when another process holds the lock.
 */
export async function dispatchBatch(db: Db, now: Date, batchSize: number): Promise<DispatchCounts> {
  return db.transaction().execute(async (tx) => {
    const locked = await sql<{ ok: boolean }>`
      select pg_try_advisory_xact_lock(hashtextextended('xinren.webhooks.dispatch', 0)) as ok`.execute(tx);
    if (!locked.rows[0]!.ok) return { events: 0, deliveries: 0 };
    return fanOut(
      tx,
      sql`
        select id, event_id, type, shop_id, resource from outbox_events
        where dispatched_at is null
        order by id
        limit ${batchSize}
        for update skip locked`,
      now,
    );
  });
}

/**
 * Fans out the outbox events with these ids that are not dispatched yet (the stream path: the ids of
 * the messages one fetch brought). Idempotent: a row already dispatched (a redelivered message, or
 * another process that got the same message after an ack timeout) is left out, and a row another
 * transaction is fanning out right now is waited for (FOR UPDATE, then re-checked), so an event makes
 * its deliveries once. Rows are locked in id order: two such transactions cannot deadlock.
 */
export async function dispatchEvents(
  tx: Tx,
  outboxIds: readonly number[],
  now: Date,
): Promise<DispatchCounts> {
  if (outboxIds.length === 0) return { events: 0, deliveries: 0 };
  return fanOut(
    tx,
    sql`
      select id, event_id, type, shop_id, resource from outbox_events
      where id = any(${[...outboxIds]}::bigint[]) and dispatched_at is null
      order by id
      for update`,
    now,
  );
}
