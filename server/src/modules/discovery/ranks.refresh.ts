import { sql } from 'kysely';
import type { Executor } from '../../platform/db.ts';
import { listedProductIds } from '../catalog/index.ts';
import { currentConfig } from '../configuration/index.ts';
import { productParts, type RankingWeights, scoreOf, shopParts } from './rank.rule.ts';
import { productSignals, shopSignals } from './signals.ts';

interface Weights {
  version: number;
  weights: RankingWeights;
}

async function weightsNow(db: Executor): Promise<Weights> {
  const { version, config } = await currentConfig(db);
  return { version, weights: config.ranking };
}

const factorOf = (parts: { signal: string; factor: number }[], signal: string) =>
  parts.find((p) => p.signal === signal)!.factor;

/**
 * Recomputes the trust part of the given shops' ranks and their products' static scores (product
 * rules §7.4). Called in the transaction that changed a signal (a traffic_limit penalty), so the
 * demotion is seen by the next search.
 */
export async function refreshShopRanks(
  db: Executor,
  shopIds: readonly number[],
  now: Date,
  given?: Weights,
): Promise<void> {
  if (shopIds.length === 0) return;
  const { version, weights } = given ?? (await weightsNow(db));
  const signals = await shopSignals(db, shopIds, now, weights.newMerchantDays);
  const rows = signals.map((s) => {
    const parts = shopParts(s, weights);
    return { s, parts, factor: scoreOf(parts) };
  });
  const col = <T>(f: (r: (typeof rows)[number]) => T) => rows.map(f);
  await sql`
    insert into discovery_shop_ranks (shop_id, shop_score, score_band, score_factor, trust_badge, badge_factor,
      quality_refund_bp, quality_refund_factor, repeat_bp, repeat_factor, traffic_limited, traffic_factor,
      new_merchant, new_merchant_factor, shop_factor, config_version, refreshed_at)
    select t.*, ${version}::int, ${now}::timestamptz from unnest(
      ${col((r) => r.s.shopId)}::bigint[], ${col((r) => r.s.score)}::numeric[], ${col((r) => r.s.band)}::text[],
      ${col((r) => factorOf(r.parts, 'score'))}::float8[], ${col((r) => r.s.badge)}::boolean[],
      ${col((r) => factorOf(r.parts, 'badge'))}::float8[], ${col((r) => r.s.qualityRefundBp)}::int[],
      ${col((r) => factorOf(r.parts, 'quality_refund'))}::float8[], ${col((r) => r.s.repeatBp)}::int[],
      ${col((r) => factorOf(r.parts, 'repeat'))}::float8[], ${col((r) => r.s.trafficLimited)}::boolean[],
      ${col((r) => factorOf(r.parts, 'traffic_limit'))}::float8[], ${col((r) => r.s.newMerchant)}::boolean[],
      ${col((r) => factorOf(r.parts, 'new_merchant'))}::float8[], ${col((r) => r.factor)}::float8[]
    ) as t
    on conflict (shop_id) do update set shop_score = excluded.shop_score, score_band = excluded.score_band,
      score_factor = excluded.score_factor, trust_badge = excluded.trust_badge, badge_factor = excluded.badge_factor,
      quality_refund_bp = excluded.quality_refund_bp, quality_refund_factor = excluded.quality_refund_factor,
      repeat_bp = excluded.repeat_bp, repeat_factor = excluded.repeat_factor,
      traffic_limited = excluded.traffic_limited, traffic_factor = excluded.traffic_factor,
      new_merchant = excluded.new_merchant, new_merchant_factor = excluded.new_merchant_factor,
      shop_factor = excluded.shop_factor, config_version = excluded.config_version,
      refreshed_at = excluded.refreshed_at`.execute(db);
  await sql`
    update discovery_product_ranks r set static_score = r.product_factor * s.shop_factor
    from discovery_shop_ranks s
    where s.shop_id = r.shop_id and r.shop_id = any(${shopIds}::bigint[])`.execute(db);
}

/** Recomputes the quality part of the given products' ranks (their shops' rows must exist). */
export async function refreshProductRanks(
  db: Executor,
  products: readonly { id: number; shopId: number }[],
  now: Date,
  given?: Weights,
): Promise<void> {
  if (products.length === 0) return;
  const { version, weights } = given ?? (await weightsNow(db));
  const shopOf = new Map(products.map((p) => [p.id, p.shopId]));
  const signals = await productSignals(
    db,
    products.map((p) => p.id),
    now,
  );
  const rows = signals.map((s) => {
    const parts = productParts(s, weights);
    return { s, parts, factor: scoreOf(parts) };
  });
  const col = <T>(f: (r: (typeof rows)[number]) => T) => rows.map(f);
  await sql`
    insert into discovery_product_ranks (product_id, shop_id, recent_units, sales_factor, rating, rating_count,
      rating_factor, completeness_bp, completeness_factor, product_factor, static_score, config_version, refreshed_at)
    select t.product_id, t.shop_id, t.recent_units, t.sales_factor, t.rating, t.rating_count, t.rating_factor,
      t.completeness_bp, t.completeness_factor, t.product_factor,
      t.product_factor * coalesce(s.shop_factor, 1), ${version}::int, ${now}::timestamptz
    from unnest(
      ${col((r) => r.s.productId)}::bigint[], ${col((r) => shopOf.get(r.s.productId)!)}::bigint[],
      ${col((r) => r.s.recentUnits)}::int[], ${col((r) => factorOf(r.parts, 'sales'))}::float8[],
      ${col((r) => r.s.rating)}::numeric[], ${col((r) => r.s.ratingCount)}::int[],
      ${col((r) => factorOf(r.parts, 'rating'))}::float8[], ${col((r) => r.s.completenessBp)}::int[],
      ${col((r) => factorOf(r.parts, 'completeness'))}::float8[], ${col((r) => r.factor)}::float8[]
    ) as t (product_id, shop_id, recent_units, sales_factor, rating, rating_count, rating_factor,
      completeness_bp, completeness_factor, product_factor)
    left join discovery_shop_ranks s on s.shop_id = t.shop_id
    on conflict (product_id) do update set shop_id = excluded.shop_id, recent_units = excluded.recent_units,
      sales_factor = excluded.sales_factor, rating = excluded.rating, rating_count = excluded.rating_count,
      rating_factor = excluded.rating_factor, completeness_bp = excluded.completeness_bp,
      completeness_factor = excluded.completeness_factor, product_factor = excluded.product_factor,
      static_score = excluded.static_score, config_version = excluded.config_version,
      refreshed_at = excluded.refreshed_at`.execute(db);
}

/**
 * Recomputes every listed product's rank and its shop's, a page at a time, with one configuration
 * version; rows of products no longer listed go. Returns how many products were ranked.
 */
export async function refreshAllRanks(
  db: Executor,
  now: Date,
  opts: { shopIds?: readonly number[]; pageSize?: number } = {},
): Promise<number> {
  const weights = await weightsNow(db);
  const seenShops = new Set<number>();
  let afterId = 0;
  let ranked = 0;
  for (;;) {
    const page = await listedProductIds(db, {
      afterId,
      limit: opts.pageSize ?? 5_000,
      ...(opts.shopIds ? { shopIds: opts.shopIds } : {}),
    });
    if (page.length === 0) break;
    const newShops = [...new Set(page.map((p) => p.shopId))].filter((s) => !seenShops.has(s));
    for (const s of newShops) seenShops.add(s);
    await refreshShopRanks(db, newShops, now, weights);
    await refreshProductRanks(db, page, now, weights);
    ranked += page.length;
    afterId = page[page.length - 1]!.id;
  }
  if (!opts.shopIds) {
    await sql`delete from discovery_product_ranks where refreshed_at < ${now}`.execute(db);
  }
  return ranked;
}
