import { sql } from 'kysely';
import type { Executor } from '../../platform/db.ts';
import { LOOKBACK_DAYS, shareBp } from './repeat-customers.rule.ts';

/** A shop's repeat-customer index (回头客指数) at a moment. */
export interface RepeatCustomerIndex {
  shopId: number;
  /** Share of the 14/30/90-day cohort who bought again within that many days; null without a cohort. */
  d14Bp: number | null;
  d30Bp: number | null;
  d90Bp: number | null;
  /** Buyers counted in each window's cohort (first purchase in the last 180 days, at least N days old). */
  cohort: { d14: number; d30: number; d90: number };
}

interface Row {
  shopId: number;
  c14: number;
  r14: number;
  c30: number;
  r30: number;
  c90: number;
  r90: number;
}

/**
 * The repeat-customer index of every shop with a new buyer in the last 180 days (or of those given),
 * by the rule in repeat-customers.rule.ts: one set-based query over paid, uncancelled orders.
 */
export async function repeatCustomerIndex(
  db: Executor,
  now: Date,
  shopIds?: readonly number[],
): Promise<RepeatCustomerIndex[]> {
  if (shopIds && shopIds.length === 0) return [];
  const since = new Date(now.getTime() - LOOKBACK_DAYS * 86_400_000);
  const { rows } = await sql<Row>`
    with ranked as (
      select shop_id, buyer_id, paid_at,
        row_number() over (partition by shop_id, buyer_id order by paid_at, id) as n
      from orders
      where paid_at is not null and paid_at <= ${now} and state <> 'cancelled'
        ${shopIds ? sql`and shop_id = any(${[...shopIds]}::bigint[])` : sql``}
    ),
    buyers as (
      select shop_id, min(paid_at) as first_at, min(paid_at) filter (where n = 2) as next_at
      from ranked where n <= 2
      group by shop_id, buyer_id
      having min(paid_at) >= ${since}
    )
    select shop_id,
      ${windowCounts(14, now)}, ${windowCounts(30, now)}, ${windowCounts(90, now)}
    from buyers
    group by shop_id`.execute(db);
  return rows.map((r) => ({
    shopId: Number(r.shopId),
    d14Bp: shareBp(r.r14, r.c14),
    d30Bp: shareBp(r.r30, r.c30),
    d90Bp: shareBp(r.r90, r.c90),
    cohort: { d14: r.c14, d30: r.c30, d90: r.c90 },
  }));
}

/** The cohort of the N-day window and its repeats, as two columns cN, rN (repeatStanding in SQL). */
function windowCounts(days: number, now: Date) {
  const window = sql.lit(`${days} days`);
  const complete = sql`first_at <= ${now}::timestamptz - ${window}::interval`;
  return sql`count(*) filter (where ${complete})::int as ${sql.ref(`c${days}`)},
    count(*) filter (where ${complete} and next_at <= first_at + ${window}::interval)::int as ${sql.ref(`r${days}`)}`;
}
