import { sql } from 'kysely';
import { HOUR } from '../../platform/clock.ts';
import type { Executor } from '../../platform/db.ts';
import { ENTITY_TYPES, type EntityType, WINDOWS, type Window } from './checkpoints.ts';
import { entityKey } from './entities.service.ts';

/**
 * Velocity counters (product rules §6): rows per entity, counter and hour (one per slot written, see
 * recordActivities; reads sum them). A window of N hours sums the
 * buckets inside it, and the oldest bucket, which straddles the window's start, in proportion to its
 * overlap (events assumed spread evenly over that hour), as sliding-window rate limiters do. At 10:15
 * the 1 h count is the 10:00 bucket plus 75% of the 09:00 bucket; on the hour it is exact.
 */

/** Slots a bucket may be split over (0102_trust_counter_slots.sql): concurrent writers of one entity. */
const SLOTS = 16;
/** Prefix of the advisory lock keys that mark a slot as being written. */
const SLOT_LOCK = 'trust_counter:';

export const bucketStart = (at: Date) => new Date(Math.floor(at.getTime() / HOUR) * HOUR);

export interface Activity {
  counter: string;
  entities: Partial<Record<EntityType, string>>;
  count?: number;
}

/** Counts one event (an order placed, a refund requested) for each entity given. */
export async function recordActivity(db: Executor, input: Activity & { now: Date }): Promise<void> {
  await recordActivities(db, { activities: [input], now: input.now });
}

/**
 * Counts many events in one statement (a checkout batch). Increments of the same row are summed, and
 * rows are written in key order, so concurrent batches touching the same entities (a shared device)
 * wait for each other instead of deadlocking.
 */
export async function recordActivities(
  db: Executor,
  input: { activities: Activity[]; now: Date },
): Promise<void> {
  const upsert = counterUpsert(input.activities, input.now);
  if (upsert) await upsert.execute(db);
}

/**
 * The statement that counts `activities` (null: nothing to count), for `recordActivities` or as a
 * part of another statement (`decide` counts its event in the statement that stores the decision).
 */
export function counterUpsert(activities: readonly Activity[], now: Date) {
  const bucket = bucketStart(now);
  const counts = new Map<
    string,
    { entityType: EntityType; entityValue: string; counter: string; count: number }
  >();
  for (const activity of activities)
    for (const type of ENTITY_TYPES) {
      const value = activity.entities[type];
      if (value === undefined || value.trim() === '') continue;
      const entityValue = entityKey(type, value);
      const key = `${type}\u0000${entityValue}\u0000${activity.counter}`;
      const row = counts.get(key);
      if (row) row.count += activity.count ?? 1;
      else
        counts.set(key, {
          entityType: type,
          entityValue,
          counter: activity.counter,
          count: activity.count ?? 1,
        });
    }
  if (counts.size === 0) return null;
  const rows = [...counts.keys()].sort().map((key) => counts.get(key)!);
  // Each row goes to the first slot of its bucket that no other open transaction writes (a
  // transaction-scoped advisory lock per slot, tried without waiting, marks the writer), so concurrent
  // events of one entity never queue on one row lock until commit. Only when every slot is taken does
  // a writer wait, on slot 0. Rows stay in key order, so two batches sharing entities cannot deadlock
  // on slot 0.
  return sql`
    insert into trust_counters (entity_type, entity_value, counter, bucket_start, slot, count)
    select k.t, k.v, k.c, ${bucket}::timestamptz,
           coalesce((select g from generate_series(0, ${SLOTS - 1}::int) g
                     where pg_try_advisory_xact_lock(hashtextextended(${SLOT_LOCK} || k.t || '|' || k.v || '|' || k.c || '|' || ${bucket.toISOString()}, g))
                     limit 1), 0),
           k.n
    from unnest(${rows.map((r) => r.entityType)}::text[], ${rows.map((r) => r.entityValue)}::text[],
                ${rows.map((r) => r.counter)}::text[], ${rows.map((r) => r.count)}::int[])
      with ordinality as k(t, v, c, n, i)
    order by k.i
    on conflict (entity_type, entity_value, counter, bucket_start, slot)
    do update set count = trust_counters.count + excluded.count`;
}

export interface CounterKey {
  entity: EntityType;
  /** As given by the caller (hashed here when it is an identifier). */
  value: string;
  counter: string;
}

export type WindowCounts = Record<Window, number>;

const windowSum = (hours: number, now: Date, name: string) =>
  sql<number>`coalesce(sum(count * least(1, greatest(0,
    extract(epoch from (bucket_start + interval '1 hour' - (${now}::timestamptz - make_interval(hours => ${hours}))))
    / 3600.0))), 0)::float8`.as(name);

/** Counts over every window for each key, in one query. Keys never counted read as zero. */
export async function velocity(
  db: Executor,
  keys: CounterKey[],
  now: Date,
): Promise<Map<string, WindowCounts>> {
  const out = new Map<string, WindowCounts>();
  if (keys.length === 0) return out;
  const stored = keys.map((k) => ({ ...k, stored: entityKey(k.entity, k.value) }));
  const oldest = new Date(bucketStart(now).getTime() - WINDOWS['90d'] * HOUR);
  const rows = await db
    .selectFrom('trustCounters')
    .select(['entityType', 'entityValue', 'counter'])
    .select(Object.entries(WINDOWS).map(([name, hours]) => windowSum(hours, now, `w${name}`)))
    // one index range scan per key (a row-value IN list is not matched to the primary key)
    .where((eb) =>
      eb.or(
        stored.map((k) =>
          eb.and([
            eb('entityType', '=', k.entity),
            eb('entityValue', '=', k.stored),
            eb('counter', '=', k.counter),
          ]),
        ),
      ),
    )
    .where('bucketStart', '>=', oldest)
    .where('bucketStart', '<=', now)
    .groupBy(['entityType', 'entityValue', 'counter'])
    .execute();
  const found = new Map<string, WindowCounts>();
  for (const row of rows) {
    const r = row as unknown as Record<string, number>;
    const counts = {} as WindowCounts;
    for (const name of Object.keys(WINDOWS) as Window[])
      counts[name] = Math.round(r[`w${name}`]! * 100) / 100;
    found.set(`${row.entityType}|${row.entityValue}|${row.counter}`, counts);
  }
  for (const k of stored) {
    const counts = found.get(`${k.entity}|${k.stored}|${k.counter}`) ?? {
      '1h': 0,
      '24h': 0,
      '7d': 0,
      '30d': 0,
      '90d': 0,
    };
    out.set(`${k.entity}|${k.value}|${k.counter}`, counts);
  }
  return out;
}

export const counterKey = (k: CounterKey) => `${k.entity}|${k.value}|${k.counter}`;
