import { type RawBuilder, sql } from 'kysely';
import type { Executor } from '../../platform/db.ts';
import type { DimensionResult, MetricResult } from './experience-score.rule.ts';
import type { ScoreFacts } from './metric-values.rule.ts';
import type { ScoreBand } from './reputation.tables.ts';
import type { ScoreDrag } from './score-advice.rule.ts';

/** A shop's current experience score as other modules read it. */
export interface CurrentReputation {
  score: number | null;
  band: ScoreBand;
  completedOrders: number;
  computedAt: Date | null;
  qualityRefundRateBp: number;
  /** repeat-customer index: buyers who bought again within 30 days (basis points), at the recompute */
  repeat30Bp: number | null;
}

const unscored = (): CurrentReputation => ({
  score: null,
  band: 'not_enough_orders',
  completedOrders: 0,
  computedAt: null,
  qualityRefundRateBp: 0,
  repeat30Bp: null,
});

/** The current score of each given shop; a shop never scored reads as "not enough orders" with 0 orders. */
export async function currentReputation(
  db: Executor,
  shopIds: readonly number[],
): Promise<Map<number, CurrentReputation>> {
  const out = new Map<number, CurrentReputation>();
  for (const id of shopIds) out.set(id, unscored());
  if (shopIds.length === 0) return out;
  const rows = await db
    .selectFrom('shopReputation')
    .select(['shopId', 'score', 'band', 'completedOrders', 'computedAt', 'qualityRefundRateBp', 'repeat30Bp'])
    .where('shopId', 'in', [...new Set(shopIds)])
    .execute();
  for (const { shopId, ...r } of rows) out.set(shopId, r);
  return out;
}

/**
 * SQL fragments over the current score for another module's query (e.g. discovery's ranking):
 * `shopScoreSql(ref)` the score (float, null when not enough orders or never scored),
 * `shopScoreBandSql(ref)` the band ('not_enough_orders' when never scored),
 * `shopQualityRefundRateSql(ref)` the stored quality-refund rate in basis points (0 when never scored).
 * `shopRepeat30Sql(ref)` the stored repeat-customer index at 30 days in basis points (null without one).
 * `ref` is the outer query's shop id column, e.g. sql.ref('p.shop_id').
 */
export function shopScoreSql(
  shopIdRef: RawBuilder<unknown> | ReturnType<typeof sql.ref>,
): RawBuilder<number | null> {
  return sql<number | null>`(select r.score::float8 from shop_reputation r where r.shop_id = ${shopIdRef})`;
}

export function shopScoreBandSql(
  shopIdRef: RawBuilder<unknown> | ReturnType<typeof sql.ref>,
): RawBuilder<ScoreBand> {
  return sql<ScoreBand>`coalesce((select r.band from shop_reputation r where r.shop_id = ${shopIdRef}), 'not_enough_orders')`;
}

export function shopQualityRefundRateSql(
  shopIdRef: RawBuilder<unknown> | ReturnType<typeof sql.ref>,
): RawBuilder<number> {
  return sql<number>`coalesce((select r.quality_refund_rate_bp from shop_reputation r where r.shop_id = ${shopIdRef}), 0)`;
}

export function shopRepeat30Sql(
  shopIdRef: RawBuilder<unknown> | ReturnType<typeof sql.ref>,
): RawBuilder<number | null> {
  return sql<number | null>`(select r.repeat30_bp from shop_reputation r where r.shop_id = ${shopIdRef})`;
}

/** One stored score with everything it was computed from. */
export interface ReputationView {
  shopId: number;
  day: string | null;
  score: number | null;
  band: ScoreBand;
  completedOrders: number;
  minCompletedOrders: number | null;
  dims: DimensionResult[];
  metrics: MetricResult[];
  drags: ScoreDrag[];
  inputs: (ScoreFacts & { from: string; to: string }) | null;
  configVersion: number | null;
  computedAt: Date | null;
  requestedAt: Date | null;
}

const dayText = sql<string>`to_char(day, 'YYYY-MM-DD')`.as('day');

/** A shop's current score in full (null when never computed). */
export async function shopReputation(db: Executor, shopId: number): Promise<ReputationView | null> {
  const row = await db
    .selectFrom('shopReputation')
    .select([
      'shopId',
      dayText,
      'score',
      'band',
      'completedOrders',
      'inputs',
      'metrics',
      'dims',
      'drags',
      'configVersion',
      'computedAt',
      'requestedAt',
    ])
    .where('shopId', '=', shopId)
    .executeTakeFirst();
  if (!row) return null;
  return {
    ...row,
    minCompletedOrders: null,
    dims: row.dims as DimensionResult[],
    metrics: row.metrics as MetricResult[],
    drags: row.drags as ScoreDrag[],
    inputs: row.inputs as ReputationView['inputs'],
  };
}

/** A shop's score per day over the last `days` days, oldest first (the trend). */
export async function reputationHistory(db: Executor, shopId: number, since: string) {
  const rows = await db
    .selectFrom('shopReputationHistory')
    .select([dayText, 'score', 'band', 'completedOrders', 'dims', 'drags', 'configVersion', 'computedAt'])
    .where('shopId', '=', shopId)
    .where('day', '>=', since)
    .orderBy('day', 'asc')
    .execute();
  return rows.map((r) => ({ ...r, dims: r.dims as DimensionResult[], drags: r.drags as ScoreDrag[] }));
}

export type ShopSort = 'score_desc' | 'score_asc' | 'orders_desc';

/** Ops: shops by current score, filtered by band. */
export async function listShopScores(
  db: Executor,
  q: { band?: ScoreBand; sort: ShopSort; limit: number; offset: number },
) {
  let base = db.selectFrom('shopReputation');
  if (q.band) base = base.where('band', '=', q.band);
  let list = base.select([
    'shopId',
    'score',
    'band',
    'completedOrders',
    'qualityRefundRateBp',
    'drags',
    'configVersion',
    'computedAt',
  ]);
  list =
    q.sort === 'orders_desc'
      ? list.orderBy('completedOrders', 'desc')
      : list.orderBy(q.sort === 'score_asc' ? sql`score asc nulls last` : sql`score desc nulls last`);
  const [items, total] = await Promise.all([
    list.orderBy('shopId', 'asc').limit(q.limit).offset(q.offset).execute(),
    base.select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow(),
  ]);
  return {
    items: items.map((r) => ({ ...r, drags: r.drags as ScoreDrag[] })),
    total: total.n,
    limit: q.limit,
    offset: q.offset,
  };
}
