import { sql } from 'kysely';
import type { Principal } from '../../platform/access.ts';
import type { Executor } from '../../platform/db.ts';
import { currentPolicy } from '../configuration/index.ts';
import { requireShopMember, shopNames } from '../shops/index.ts';
import { localDay } from './ingest.service.ts';
import { TOPICS } from './topic-classifier.rule.ts';
import { trendBp } from './trend.rule.ts';
import type { FeedbackSource, Topic } from './voice.tables.ts';

const DAY_MS = 24 * 3_600_000;
/** Shops and SKUs listed per topic. */
const TOP = 5;

export type PeriodDays = 7 | 30;

export interface TopicTotal {
  topic: Topic;
  current: number;
  previous: number;
  /** (current − previous) / previous in basis points; null when the previous period had none. */
  changeBp: number | null;
}

export interface TopSku {
  topic: Topic;
  skuId: number;
  productId: number | null;
  item: string | null;
  shopId: number;
  shopName: string;
  current: number;
  previous: number;
}

export interface TopShop {
  topic: Topic;
  shopId: number;
  shopName: string;
  current: number;
  previous: number;
}

export interface VoiceOverview {
  days: PeriodDays;
  /** The period's first and last local days, and the previous period's first (YYYY-MM-DD). */
  from: string;
  to: string;
  previousFrom: string;
  /** Pieces of feedback that named a topic, this period and the one before. */
  feedback: { current: number; previous: number };
  totals: TopicTotal[];
  /** Each day of the period, oldest first, with the mentions of each topic. */
  series: { day: string; counts: Record<Topic, number> }[];
  sources: { source: FeedbackSource; current: number }[];
  topSkus: TopSku[];
  /** Ops only: the shops most complained about per topic (empty for one shop's view). */
  topShops: TopShop[];
}

/** The period's local days, oldest first. */
function periodDays(now: Date, offsetMinutes: number, days: number): string[] {
  return Array.from({ length: days }, (_, i) =>
    localDay(new Date(now.getTime() - (days - 1 - i) * DAY_MS), offsetMinutes),
  );
}

/**
 * Topics of the feedback of the last `days` local days (today included) against the `days` before
 * (product rules §8.4): totals with their change, a series per day, sources, the SKUs most complained
 * about per topic and, platform-wide, the shops. One shop's when `shopId` is given.
 */
export async function voiceOverview(
  db: Executor,
  input: { shopId?: number; days: PeriodDays; now: Date },
): Promise<VoiceOverview> {
  const { policy } = await currentPolicy(db);
  const days = periodDays(input.now, policy.timezoneOffsetMinutes, input.days);
  const from = days[0]!;
  const to = days[days.length - 1]!;
  const previousFrom = localDay(
    new Date(input.now.getTime() - (2 * input.days - 1) * DAY_MS),
    policy.timezoneOffsetMinutes,
  );
  const shop = input.shopId === undefined ? sql`` : sql`and f.shop_id = ${input.shopId}`;
  const window = sql`f.day >= ${previousFrom}::date and f.day <= ${to}::date ${shop}`;
  const current = sql`f.day >= ${from}::date`;

  const [feedback, totals, series, sources, skus, shops] = await Promise.all([
    sql<{ current: number; previous: number }>`
      select count(*) filter (where ${current})::int as current, count(*) filter (where not ${current})::int as previous
      from voice_feedback f where ${window}`.execute(db),
    sql<{ topic: Topic; current: number; previous: number }>`
      select t as topic, count(*) filter (where ${current})::int as current,
        count(*) filter (where not ${current})::int as previous
      from voice_feedback f, unnest(f.topics) t where ${window} group by t`.execute(db),
    sql<{ day: string; topic: Topic; n: number }>`
      select f.day::text as day, t as topic, count(*)::int as n
      from voice_feedback f, unnest(f.topics) t where ${window} and ${current} group by 1, 2`.execute(db),
    sql<{ source: FeedbackSource; current: number }>`
      select f.source, count(*)::int as current from voice_feedback f where ${window} and ${current}
      group by f.source`.execute(db),
    sql<Omit<TopSku, 'shopName'>>`
      select topic, sku_id, product_id, item, shop_id, current, previous from (
        select t as topic, f.sku_id, max(f.product_id) as product_id, max(f.item) as item, max(f.shop_id) as shop_id,
          count(*) filter (where ${current})::int as current, count(*) filter (where not ${current})::int as previous,
          row_number() over (partition by t order by count(*) filter (where ${current}) desc, f.sku_id) as rank
        from voice_feedback f, unnest(f.topics) t where ${window} and f.sku_id is not null
        group by t, f.sku_id
      ) ranked where rank <= ${TOP} and current > 0 order by topic, rank`.execute(db),
    input.shopId !== undefined
      ? Promise.resolve({ rows: [] as Omit<TopShop, 'shopName'>[] })
      : sql<Omit<TopShop, 'shopName'>>`
      select topic, shop_id, current, previous from (
        select t as topic, f.shop_id,
          count(*) filter (where ${current})::int as current, count(*) filter (where not ${current})::int as previous,
          row_number() over (partition by t order by count(*) filter (where ${current}) desc, f.shop_id) as rank
        from voice_feedback f, unnest(f.topics) t where ${window}
        group by t, f.shop_id
      ) ranked where rank <= ${TOP} and current > 0 order by topic, rank`.execute(db),
  ]);

  const names = await shopNames(db, [...new Set([...skus.rows, ...shops.rows].map((r) => r.shopId))]);
  const byTopic = new Map(totals.rows.map((r) => [r.topic, r]));
  const perDay = new Map<string, Record<Topic, number>>(days.map((d) => [d, zeroCounts()]));
  for (const row of series.rows) {
    const counts = perDay.get(row.day);
    if (counts) counts[row.topic] = row.n;
  }
  return {
    days: input.days,
    from,
    to,
    previousFrom,
    feedback: feedback.rows[0] ?? { current: 0, previous: 0 },
    totals: TOPICS.map((topic) => {
      const row = byTopic.get(topic) ?? { current: 0, previous: 0 };
      return {
        topic,
        current: row.current,
        previous: row.previous,
        changeBp: trendBp(row.current, row.previous),
      };
    }),
    series: days.map((day) => ({ day, counts: perDay.get(day)! })),
    sources: sources.rows,
    topSkus: skus.rows.map((r) => ({ ...r, shopName: names.get(r.shopId) ?? '' })),
    topShops: shops.rows.map((r) => ({ ...r, shopName: names.get(r.shopId) ?? '' })),
  };
}

function zeroCounts(): Record<Topic, number> {
  return Object.fromEntries(TOPICS.map((t) => [t, 0])) as Record<Topic, number>;
}

export interface FeedbackItem {
  id: number;
  source: FeedbackSource;
  shopId: number;
  shopName: string;
  orderId: number | null;
  productId: number | null;
  skuId: number | null;
  item: string | null;
  text: string;
  reason: string | null;
  rating: number | null;
  topics: Topic[];
  day: string;
  at: Date;
}

export interface FeedbackQuery {
  shopId?: number;
  topic?: Topic;
  source?: FeedbackSource;
  skuId?: number;
  limit: number;
  offset: number;
}

/** Examples: the newest feedback, filtered by shop, topic, source and SKU, with the text as written. */
export async function listFeedback(
  db: Executor,
  query: FeedbackQuery,
): Promise<{ items: FeedbackItem[]; total: number; limit: number; offset: number }> {
  let base = db.selectFrom('voiceFeedback as f');
  if (query.shopId !== undefined) base = base.where('f.shopId', '=', query.shopId);
  if (query.topic !== undefined) base = base.where(sql<boolean>`f.topics @> array[${query.topic}]::text[]`);
  if (query.source !== undefined) base = base.where('f.source', '=', query.source);
  if (query.skuId !== undefined) base = base.where('f.skuId', '=', query.skuId);
  const [rows, total] = await Promise.all([
    base
      .select([
        'f.id',
        'f.source',
        'f.shopId',
        'f.orderId',
        'f.productId',
        'f.skuId',
        'f.item',
        'f.text',
        'f.reason',
        'f.rating',
        'f.topics',
        sql<string>`f.day::text`.as('day'),
        'f.at',
      ])
      .orderBy('f.at', 'desc')
      .orderBy('f.id', 'desc')
      .limit(query.limit)
      .offset(query.offset)
      .execute(),
    base.select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow(),
  ]);
  const names = await shopNames(db, [...new Set(rows.map((r) => r.shopId))]);
  return {
    items: rows.map((r) => ({ ...r, shopName: names.get(r.shopId) ?? '' })),
    total: total.n,
    limit: query.limit,
    offset: query.offset,
  };
}

/** The merchant's view of its own shop: members only; another shop answers 404. */
export async function shopVoiceOverview(
  db: Executor,
  principal: Principal,
  input: { shopId: number; days: PeriodDays; now: Date },
): Promise<VoiceOverview> {
  await requireShopMember(db, principal, input.shopId);
  return voiceOverview(db, input);
}

export async function shopFeedback(
  db: Executor,
  principal: Principal,
  query: FeedbackQuery & { shopId: number },
) {
  await requireShopMember(db, principal, query.shopId);
  return listFeedback(db, query);
}

/** How much of each source has been read, and how much of it named a topic (coverage, for ops). */
export async function ingestionStatus(db: Executor) {
  return db
    .selectFrom('voiceCursors')
    .select(['source', 'readCount', 'topical', 'updatedAt'])
    .orderBy('source')
    .execute();
}
