import { sql } from 'kysely';
import type { Principal } from '../../platform/access.ts';
import type { Executor } from '../../platform/db.ts';
import { invalidField } from '../../platform/errors.ts';
import { localDay } from '../../platform/local-day.ts';
import { currentPolicy } from '../configuration/index.ts';
import { displayNames } from '../identity/index.ts';
import { requireShopMember, shopNames } from '../shops/index.ts';
import {
  CHAT_TARGETS,
  type MetricCounts,
  type MetricFigures,
  metricFigures,
  noCounts,
  RESPONSE_WINDOW_MS,
} from './chat-metrics.rule.ts';

interface CountRow extends MetricCounts {
  day: string | null;
  key: number | null;
  grouping: number;
}

/**
 * The counts of chat-metrics.rule.ts over the sessions started in [from, to), in one statement:
 * per local day, per `by` (the serving agent, or the shop) and in total (grouping sets).
 */
async function countSessions(
  db: Executor,
  input: {
    from: Date;
    to: Date;
    now: Date;
    offsetMinutes: number;
    by: 'agent_id' | 'shop_id';
    shopIds?: readonly number[];
  },
): Promise<CountRow[]> {
  const { from, to, now, offsetMinutes } = input;
  const decidedBefore = new Date(now.getTime() - RESPONSE_WINDOW_MS);
  const day = localDay(sql.ref('s.started_at'), offsetMinutes);
  const by = sql.ref(`s.${input.by}`);
  const shops = input.shopIds ? sql`and s.shop_id = any(${[...input.shopIds]}::int[])` : sql``;
  const { rows } = await sql<CountRow>`
    with c as (
      select s.*, ${day} as day, ${by} as key,
        s.in_service_hours and s.handed_off_at is not null
          and (s.first_human_reply_at is not null or s.closed_at is not null or s.handed_off_at <= ${decidedBefore})
          as counted,
        extract(epoch from (s.first_human_reply_at - s.handed_off_at)) * 1000 as response_ms
      from chat_sessions s
      where s.started_at >= ${from} and s.started_at < ${to} ${shops}
    )
    select day, key, grouping(day, key)::int as grouping,
      count(*)::int as sessions,
      count(*) filter (where counted)::int as counted,
      count(*) filter (where counted and response_ms <= ${RESPONSE_WINDOW_MS})::int as "answeredIn3m",
      count(*) filter (where counted and response_ms is not null)::int as answered,
      coalesce(round(sum(response_ms) filter (where counted and response_ms is not null)), 0)::float8 as "firstResponseMsSum",
      count(*) filter (where rating is not null)::int as rated,
      count(*) filter (where rating = 'good')::int as good
    from c s
    group by grouping sets ((day), (key), ())
  `.execute(db);
  return rows;
}

const withFigures = <T extends MetricCounts>(c: T): T & MetricFigures => ({ ...c, ...metricFigures(c) });
const countsOf = ({ day: _d, key: _k, grouping: _g, ...counts }: CountRow): MetricCounts => counts;

const DAY_MS = 86_400_000;

/** The local days asked for (default: the 7 days ending today), at most 92. */
function window(query: { from?: string; to?: string }, now: Date, offsetMinutes: number) {
  const offsetMs = offsetMinutes * 60_000;
  const today = new Date(now.getTime() + offsetMs).toISOString().slice(0, 10);
  const to = query.to ?? today;
  const toStart = Date.parse(`${to}T00:00:00Z`) - offsetMs;
  const from = query.from ?? new Date(toStart + offsetMs - 6 * DAY_MS).toISOString().slice(0, 10);
  const fromStart = Date.parse(`${from}T00:00:00Z`) - offsetMs;
  if (Number.isNaN(fromStart) || Number.isNaN(toStart)) throw invalidField('from', 'must be a date');
  if (fromStart > toStart) throw invalidField('from', 'must not be after to');
  if (toStart - fromStart > 91 * DAY_MS) throw invalidField('from', 'at most 92 days');
  const days: string[] = [];
  for (let t = fromStart; t <= toStart; t += DAY_MS)
    days.push(new Date(t + offsetMs).toISOString().slice(0, 10));
  return { from, to, start: new Date(fromStart), end: new Date(toStart + DAY_MS), days };
}

function byDay(rows: CountRow[], days: string[]) {
  const found = new Map(rows.filter((r) => r.grouping === 1).map((r) => [r.day!, countsOf(r)]));
  return days.map((day) => ({ day, ...withFigures(found.get(day) ?? noCounts) }));
}

const totalOf = (rows: CountRow[]) =>
  withFigures(
    countsOf(rows.find((r) => r.grouping === 3) ?? { ...noCounts, day: null, key: null, grouping: 3 }),
  );

/** A shop's metrics per local day, per agent and in total (product rules §8.3), for its members. */
export async function shopChatMetrics(
  db: Executor,
  principal: Principal,
  shopId: number,
  query: { from?: string; to?: string },
  now: Date,
) {
  await requireShopMember(db, principal, shopId);
  const { policy } = await currentPolicy(db);
  const w = window(query, now, policy.timezoneOffsetMinutes);
  const rows = await countSessions(db, {
    from: w.start,
    to: w.end,
    now,
    offsetMinutes: policy.timezoneOffsetMinutes,
    by: 'agent_id',
    shopIds: [shopId],
  });
  const agentRows = rows.filter((r) => r.grouping === 2 && r.key !== null);
  const names = await displayNames(
    db,
    agentRows.map((r) => r.key!),
  );
  return {
    from: w.from,
    to: w.to,
    targets: CHAT_TARGETS,
    total: totalOf(rows),
    days: byDay(rows, w.days),
    agents: agentRows
      .map((r) => ({ agentId: r.key!, name: names.get(r.key!) ?? '', ...withFigures(countsOf(r)) }))
      .sort((a, b) => b.sessions - a.sessions || a.agentId - b.agentId),
  };
}

/** The platform's metrics per local day, per shop (the 50 with the most sessions) and in total, for ops. */
export async function platformChatMetrics(db: Executor, query: { from?: string; to?: string }, now: Date) {
  const { policy } = await currentPolicy(db);
  const w = window(query, now, policy.timezoneOffsetMinutes);
  const rows = await countSessions(db, {
    from: w.start,
    to: w.end,
    now,
    offsetMinutes: policy.timezoneOffsetMinutes,
    by: 'shop_id',
  });
  const shopRows = rows
    .filter((r) => r.grouping === 2 && r.key !== null)
    .sort((a, b) => b.sessions - a.sessions || a.key! - b.key!)
    .slice(0, 50);
  const names = await shopNames(
    db,
    shopRows.map((r) => r.key!),
  );
  return {
    from: w.from,
    to: w.to,
    targets: CHAT_TARGETS,
    total: totalOf(rows),
    days: byDay(rows, w.days),
    shops: shopRows.map((r) => ({
      shopId: r.key!,
      name: names.get(r.key!) ?? '',
      ...withFigures(countsOf(r)),
    })),
  };
}

export interface ShopChatFacts extends MetricCounts {
  shopId: number;
}

/**
 * Every shop's chat counts over sessions started in [from, to) (or those given), one statement: the
 * service dimension of the experience score reads its three metrics from them (reputation).
 */
export async function shopChatFacts(
  db: Executor,
  from: Date,
  to: Date,
  shopIds?: readonly number[],
): Promise<ShopChatFacts[]> {
  const rows = await countSessions(db, {
    from,
    to,
    now: to,
    offsetMinutes: 0,
    by: 'shop_id',
    ...(shopIds ? { shopIds } : {}),
  });
  return rows
    .filter((r) => r.grouping === 2 && r.key !== null)
    .map((r) => ({ shopId: r.key!, ...countsOf(r) }));
}
