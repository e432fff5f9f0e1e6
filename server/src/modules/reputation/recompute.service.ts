import { sql } from 'kysely';
import { platformTimeZone } from '../../platform/config.ts';
import type { Executor } from '../../platform/db.ts';
import { currentConfig } from '../configuration/index.ts';
import { repeatCustomerIndex } from '../orders/index.ts';
import { type ExperienceScore, experienceScore } from './experience-score.rule.ts';
import { metricValues, noFacts, rateBp, type ScoreFacts } from './metric-values.rule.ts';
import { scoreFacts } from './score-sources.ts';

const DAY_MS = 86_400_000;
/** Rows per statement when storing scores (one JSON parameter each). */
const CHUNK = 2_000;

export interface RecomputeResult {
  day: string;
  configVersion: number;
  shops: number;
  scored: number;
  shopIds: number[];
}

/** `now`'s date on the platform's calendar, 'YYYY-MM-DD'. */
export function platformDay(now: Date, timeZone = platformTimeZone()): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(now);
}

/**
 * Recomputes the experience score of every shop (or those given) as of `now` with the configuration
 * in force, and stores it: the day's history row (replaced when recomputed the same day) and the
 * current score. Every shop with activity in the window or a score already is recomputed, so a shop
 * whose orders aged out falls back to "not enough orders". Set-based: one query per source, then
 * batched upserts.
 */
export async function recomputeScores(
  tx: Executor,
  now: Date,
  shopIds?: readonly number[],
): Promise<RecomputeResult> {
  const { version, config } = await currentConfig(tx);
  const rules = config.reputation;
  const from = new Date(now.getTime() - rules.windowDays * DAY_MS);
  const facts = await scoreFacts(tx, from, now, shopIds);
  const repeat = new Map((await repeatCustomerIndex(tx, now, shopIds)).map((r) => [r.shopId, r.d30Bp]));
  const known = shopIds
    ? [...shopIds]
    : (await tx.selectFrom('shopReputation').select('shopId').execute()).map((r) => r.shopId);
  const ids = [...new Set([...facts.keys(), ...known])].sort((a, b) => a - b);
  const day = platformDay(now);
  const rows = ids.map((shopId) => {
    const f = facts.get(shopId) ?? noFacts;
    const score = experienceScore(metricValues(f), f.completedOrders, rules);
    return storedRow(shopId, f, score, repeat.get(shopId) ?? null, { from, to: now });
  });
  for (let i = 0; i < rows.length; i += CHUNK) {
    await store(tx, rows.slice(i, i + CHUNK), { day, version, now });
  }
  const scored = rows.filter((r) => r.score !== null).length;
  return { day, configVersion: version, shops: rows.length, scored, shopIds: ids };
}

function storedRow(
  shopId: number,
  f: ScoreFacts,
  s: ExperienceScore,
  repeat30Bp: number | null,
  window: { from: Date; to: Date },
) {
  // snake_case keys: the statement reads them with jsonb_to_recordset
  return {
    shop_id: shopId,
    score: s.score,
    band: s.band,
    completed_orders: f.completedOrders,
    quality_refund_rate_bp: rateBp(f.qualityRefunds, f.completedOrders) ?? 0,
    repeat30_bp: repeat30Bp,
    inputs: { ...f, from: window.from.toISOString(), to: window.to.toISOString() },
    metrics: s.metrics,
    dims: s.dims,
    drags: s.drags,
  };
}

type StoredRow = ReturnType<typeof storedRow>;

async function store(tx: Executor, rows: StoredRow[], at: { day: string; version: number; now: Date }) {
  const doc = JSON.stringify(rows);
  await sql`
    insert into shop_reputation_history as h
      (shop_id, day, score, band, completed_orders, inputs, metrics, dims, drags, config_version, computed_at)
    select r.shop_id, ${at.day}::date, r.score, r.band, r.completed_orders, r.inputs, r.metrics, r.dims, r.drags,
      ${at.version}, ${at.now}
    from jsonb_to_recordset(${doc}::jsonb) as r(shop_id bigint, score numeric, band text, completed_orders int,
      inputs jsonb, metrics jsonb, dims jsonb, drags jsonb)
    on conflict (shop_id, day) do update set score = excluded.score, band = excluded.band,
      completed_orders = excluded.completed_orders, inputs = excluded.inputs, metrics = excluded.metrics,
      dims = excluded.dims, drags = excluded.drags, config_version = excluded.config_version,
      computed_at = excluded.computed_at`.execute(tx);
  await sql`
    insert into shop_reputation as c
      (shop_id, day, score, band, completed_orders, quality_refund_rate_bp, repeat30_bp, inputs, metrics, dims,
       drags, config_version, computed_at)
    select r.shop_id, ${at.day}::date, r.score, r.band, r.completed_orders, r.quality_refund_rate_bp, r.repeat30_bp,
      r.inputs,
      r.metrics, r.dims, r.drags, ${at.version}, ${at.now}
    from jsonb_to_recordset(${doc}::jsonb) as r(shop_id bigint, score numeric, band text, completed_orders int,
      quality_refund_rate_bp int, repeat30_bp int, inputs jsonb, metrics jsonb, dims jsonb, drags jsonb)
    on conflict (shop_id) do update set day = excluded.day, score = excluded.score, band = excluded.band,
      completed_orders = excluded.completed_orders, quality_refund_rate_bp = excluded.quality_refund_rate_bp,
      repeat30_bp = excluded.repeat30_bp,
      inputs = excluded.inputs, metrics = excluded.metrics, dims = excluded.dims, drags = excluded.drags,
      config_version = excluded.config_version, computed_at = excluded.computed_at`.execute(tx);
}
