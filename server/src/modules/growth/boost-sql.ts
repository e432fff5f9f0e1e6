import { type Expression, type RawBuilder, sql } from 'kysely';
import type { Executor } from '../../platform/db.ts';
import type { BoostTarget } from './growth.tables.ts';

// Discovery ranks with these fragments instead of reading growth's tables: the SQL of boosts and of
// the new-merchant traffic boost stays here.

/** A boost in force: a product or live room of `shopId` weighs `weightBp` more until `endsAt`. */
export interface ActiveBoost {
  targetType: BoostTarget;
  targetId: number;
  shopId: number;
  weightBp: number;
  endsAt: Date;
}

const at = (now?: Date) => (now ? sql`${now}::timestamptz` : sql`now()`);

/**
 * A sub-select of the boosts in force at `now` (default: the transaction's time), one row per target
 * (`target_type` 'product' | 'live', `target_id`, `shop_id`, `weight_bp`, `ends_at`), for a left join:
 * `left join (${activeBoostsSql()}) b on b.target_type = 'product' and b.target_id = p.id`.
 */
export function activeBoostsSql(now?: Date): RawBuilder<ActiveBoost> {
  // At most one boost per target is in force (product rules §7.5); distinct on guards a reader anyway.
  return sql<ActiveBoost>`select distinct on (gb.target_type, gb.target_id)
      gb.target_type, gb.target_id, gb.shop_id, gb.weight_bp, gb.ends_at
    from growth_boosts gb
    where gb.starts_at <= ${at(now)} and gb.ends_at > ${at(now)}
    order by gb.target_type, gb.target_id, gb.ends_at desc`;
}

/** The boosts in force at `now` of the given targets (e.g. a page of results to explain). */
export async function activeBoosts(
  db: Executor,
  targets: readonly { targetType: BoostTarget; targetId: number }[],
  now?: Date,
): Promise<ActiveBoost[]> {
  if (targets.length === 0) return [];
  const result = await sql<ActiveBoost>`
    select b.target_type as "targetType", b.target_id as "targetId", b.shop_id as "shopId",
      b.weight_bp as "weightBp", b.ends_at as "endsAt"
    from (${activeBoostsSql(now)}) b
    join unnest(${targets.map((t) => t.targetType)}::text[], ${targets.map((t) => t.targetId)}::bigint[])
      as t (target_type, target_id) on t.target_type = b.target_type and t.target_id = b.target_id`.execute(
    db,
  );
  return result.rows;
}

/**
 * The new-merchant traffic boost of the shop whose id `shopIdRef` holds, in basis points (0 when none):
 * a shop on the 新商启航 ladder gets its version's `new_shop_boost_bp` for `new_shop_boost_days` after
 * it joined (a scalar subquery).
 */
export function newMerchantBoostSql(shopIdRef: Expression<number>, now?: Date): RawBuilder<number> {
  return sql<number>`coalesce((
    select v.new_shop_boost_bp from growth_enrolments ge
    join growth_programme_versions v on v.id = ge.version_id
    where ge.shop_id = ${shopIdRef}
      and ge.enrolled_at > ${at(now)} - make_interval(days => v.new_shop_boost_days)), 0)`;
}
