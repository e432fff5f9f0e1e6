import { type Expression, sql } from 'kysely';
import type { Executor } from '../../platform/db.ts';
import { orderedWithinSql } from '../orders/index.ts';

/** A click converts when the same buyer orders the clicked product within this many hours. */
export const CONVERSION_HOURS = 24;

/** A buyer or visitor opened the item at `position` of the ranked response `requestId` (once counts). */
export async function recordClick(
  db: Executor,
  click: { requestId: string; position: number; userId: number | null; at: Date },
): Promise<void> {
  await db
    .insertInto('discoveryClicks')
    .values(click)
    .onConflict((oc) => oc.columns(['requestId', 'position']).doNothing())
    .execute();
}

export type ReportDimension = 'position' | 'badge' | 'band' | 'boosted' | 'traffic_limited' | 'surface';

export interface ReportRow {
  dimension: ReportDimension;
  bucket: string;
  impressions: number;
  clicks: number;
  conversions: number;
  /** clicks / impressions in basis points (0 without impressions). */
  ctrBp: number;
  /** conversions / clicks in basis points (0 without clicks). */
  conversionBp: number;
}

/**
 * Click-through and conversion over a period (product rules §7.4): per position (1–50), and per signal
 * bucket (badge or none, score band, boosted, traffic-limited, surface).
 */
export async function rankingReport(db: Executor, from: Date, to: Date): Promise<ReportRow[]> {
  const converted = orderedWithinSql(
    sql.ref('c.user_id') as Expression<number | null>,
    sql.ref('x.product_id') as Expression<number | null>,
    sql.ref('c.at') as Expression<Date>,
    CONVERSION_HOURS,
  );
  const by = (dimension: ReportDimension, bucket: string, where = sql``) => sql`
    select ${dimension}::text as dimension, ${sql.raw(bucket)}::text as bucket, count(*)::int as impressions,
      count(*) filter (where clicked)::int as clicks, count(*) filter (where converted)::int as conversions
    from j ${where} group by 2`;
  const result = await sql<Omit<ReportRow, 'ctrBp' | 'conversionBp'>>`
    with x as (
      -- before migration 0107: a row per item of every answer
      select request_id, position, surface, trust_badge, score_band, boosted, traffic_limited, product_id
      from discovery_impressions where at >= ${from} and at < ${to}
      union all
      -- since: a row per answer, naming the served list whose items it showed
      select r.request_id, i.position, l.surface, i.trust_badge, i.score_band, i.boosted, i.traffic_limited,
        i.product_id
      from discovery_responses r
      join discovery_served_lists l on l.id = r.list_id
      join discovery_served_items i on i.list_id = r.list_id
      where r.at >= ${from} and r.at < ${to}),
    j as materialized (
      select x.position, x.surface, x.trust_badge, x.score_band, x.boosted, x.traffic_limited,
        c.id is not null as clicked,
        (c.id is not null and c.user_id is not null and x.product_id is not null and ${converted}) as converted
      from x
      left join discovery_clicks c on c.request_id = x.request_id and c.position = x.position)
    ${by('position', 'position', sql`where position <= 50`)}
    union all ${by('badge', 'trust_badge')}
    union all ${by('band', 'score_band')}
    union all ${by('boosted', 'boosted')}
    union all ${by('traffic_limited', 'traffic_limited')}
    union all ${by('surface', 'surface')}`.execute(db);
  const bp = (n: number, d: number) => (d === 0 ? 0 : Math.round((n * 10_000) / d));
  const order: ReportDimension[] = ['position', 'surface', 'badge', 'band', 'boosted', 'traffic_limited'];
  return result.rows
    .map((r) => ({ ...r, ctrBp: bp(r.clicks, r.impressions), conversionBp: bp(r.conversions, r.clicks) }))
    .sort(
      (a, b) =>
        order.indexOf(a.dimension) - order.indexOf(b.dimension) ||
        (a.dimension === 'position' ? Number(a.bucket) - Number(b.bucket) : a.bucket.localeCompare(b.bucket)),
    );
}
