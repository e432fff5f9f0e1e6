import { sql } from 'kysely';
import { DAY } from '../../../platform/clock.ts';
import type { Db } from '../../../platform/db.ts';

/** Dispatched events are kept this long, and longer while a delivery of theirs is still open. */
export const EVENT_RETENTION_MS = 7 * DAY;
/** Final deliveries (and their attempts) are kept this long in the delivery log. */
export const DELIVERY_RETENTION_MS = 30 * DAY;

export interface PruneCounts {
  events: number;
  deliveries: number;
}

/**
 * Deletes, `batchSize` rows a statement until none is left: outbox events older than 7 days that are
 * dispatched (with NATS an event is dispatched only after it went through the stream, so an unrelayed
 * event, however old, waits for NATS rather than being pruned) and have no open delivery to a live endpoint (the log keeps the delivery rows; their
 * payload is gone), and deliveries older than 30 days that are final (or whose endpoint is deleted)
 * and that no replay names, with their attempts.
 */
export async function pruneWebhooks(db: Db, now: Date, batchSize = 5_000): Promise<PruneCounts> {
  const counts: PruneCounts = { events: 0, deliveries: 0 };
  const eventCutoff = new Date(now.getTime() - EVENT_RETENTION_MS);
  for (;;) {
    const r = await sql<{ n: number }>`
      with old as (
        select o.id from outbox_events o
        where o.occurred_at < ${eventCutoff} and o.dispatched_at is not null
          and not exists (
            select 1 from webhook_deliveries d join webhook_endpoints e on e.id = d.endpoint_id
            where d.outbox_id = o.id and d.state in ('pending', 'retrying', 'delivering')
              and e.deleted_at is null)
        limit ${batchSize}),
      gone as (delete from outbox_events o using old where o.id = old.id returning 1)
      select count(*)::int as n from gone`.execute(db);
    counts.events += r.rows[0]!.n;
    if (r.rows[0]!.n < batchSize) break;
  }
  const deliveryCutoff = new Date(now.getTime() - DELIVERY_RETENTION_MS);
  for (;;) {
    const r = await sql<{ n: number }>`
      with old as (
        select d.id from webhook_deliveries d join webhook_endpoints e on e.id = d.endpoint_id
        where d.created_at < ${deliveryCutoff}
          and (d.state in ('succeeded', 'failed') or e.deleted_at is not null)
          and not exists (select 1 from webhook_deliveries r where r.replay_of = d.id)
        limit ${batchSize}),
      attempts as (delete from webhook_attempts a using old where a.delivery_id = old.id returning 1),
      gone as (delete from webhook_deliveries d using old where d.id = old.id returning 1)
      select count(*)::int as n from gone`.execute(db);
    counts.deliveries += r.rows[0]!.n;
    if (r.rows[0]!.n < batchSize) break;
  }
  return counts;
}
