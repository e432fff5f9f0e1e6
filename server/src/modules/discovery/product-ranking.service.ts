import { randomUUID } from 'node:crypto';
import { type RawBuilder, sql } from 'kysely';
import type { Executor } from '../../platform/db.ts';
import { queryWords } from '../../platform/segment.ts';
import {
  type ListedFilter,
  listedProductsSql,
  type ProductCard,
  productCards,
  searchQuerySql,
  subtreeIds,
} from '../catalog/index.ts';
import { activeBoostsSql } from '../growth/index.ts';
import type { Surface } from './discovery.tables.ts';
import { diversify } from './diversity.rule.ts';
import { boostPart, type RankingWeights, type RankPart, relevancePart, scoreOf } from './rank.rule.ts';

export type ProductSort = 'ranked' | 'sales' | 'price_asc' | 'price_desc';

export interface ProductQuery {
  q?: string;
  sort?: ProductSort;
  categoryId?: number;
  shopId?: number;
  minPriceFen?: number;
  maxPriceFen?: number;
  /** 信任购 shops only. */
  trustedOnly?: boolean;
  guarantees?: string[];
  limit: number;
  offset: number;
}

export interface RankedProduct {
  id: number;
  shopId: number;
  title: string;
  imageUrl: string | null;
  minPriceFen: number;
  guarantees: string[];
  recentUnits: number;
  rating: number | null;
  ratingCount: number;
  trustBadge: boolean;
  scoreBand: string;
  position: number;
  rank: { score: number; parts: RankPart[] };
}

export interface RankedPage<T> {
  requestId: string;
  surface: Surface;
  configVersion: number;
  items: T[];
  /** Every match (null on the home feed, which is not counted). */
  total: number | null;
  hasMore: boolean;
  limit: number;
  offset: number;
}

interface Row {
  id: number;
  shopId: number;
  relevance: number;
  recentUnits: number | null;
  salesFactor: number | null;
  rating: number | null;
  ratingCount: number | null;
  ratingFactor: number | null;
  completenessBp: number | null;
  completenessFactor: number | null;
  shopScore: number | null;
  scoreBand: string | null;
  scoreFactor: number | null;
  trustBadge: boolean | null;
  badgeFactor: number | null;
  qualityRefundBp: number | null;
  qualityRefundFactor: number | null;
  repeatBp: number | null;
  repeatFactor: number | null;
  trafficLimited: boolean | null;
  trafficFactor: number | null;
  newMerchant: boolean | null;
  newMerchantFactor: number | null;
  boostBp: number | null;
  total?: number;
}

const COLUMNS = sql`c.id, c.shop_id as "shopId", c.relevance,
  r.recent_units as "recentUnits", r.sales_factor as "salesFactor", r.rating::float8 as rating,
  r.rating_count as "ratingCount", r.rating_factor as "ratingFactor", r.completeness_bp as "completenessBp",
  r.completeness_factor as "completenessFactor", s.shop_score::float8 as "shopScore", s.score_band as "scoreBand",
  s.score_factor as "scoreFactor", s.trust_badge as "trustBadge", s.badge_factor as "badgeFactor",
  s.quality_refund_bp as "qualityRefundBp", s.quality_refund_factor as "qualityRefundFactor",
  s.repeat_bp as "repeatBp", s.repeat_factor as "repeatFactor", s.traffic_limited as "trafficLimited",
  s.traffic_factor as "trafficFactor", s.new_merchant as "newMerchant", s.new_merchant_factor as "newMerchantFactor",
  b.weight_bp as "boostBp"`;

const boosts = (now: Date) =>
  sql`(select target_id, weight_bp from (${activeBoostsSql(now)}) ab where ab.target_type = 'product')`;

// The score SQL orders by: the same product of factors the explanation shows (rounded boost aside).
const scoreSql = (
  w: RankingWeights,
) => sql`c.relevance * coalesce(r.product_factor, 1) * coalesce(s.shop_factor, 1)
  * least(${w.boostCapFactor}::float8, 1 + coalesce(b.weight_bp, 0) / 10000.0)`;

function explain(row: Row, withRelevance: boolean, w: RankingWeights): RankPart[] {
  const part = (signal: RankPart['signal'], value: RankPart['value'], factor: number | null): RankPart => ({
    signal,
    value,
    factor: factor ?? 1,
  });
  const parts: RankPart[] = [
    ...(withRelevance ? [relevancePart(row.relevance)] : []),
    part('sales', row.recentUnits ?? 0, row.salesFactor),
    part('rating', row.rating, row.ratingFactor),
    part('completeness', row.completenessBp, row.completenessFactor),
    part('score', row.shopScore, row.scoreFactor),
    part('badge', row.trustBadge ?? false, row.badgeFactor),
    part('quality_refund', row.qualityRefundBp, row.qualityRefundFactor),
    part('repeat', row.repeatBp, row.repeatFactor),
    part('traffic_limit', row.trafficLimited ?? false, row.trafficFactor),
    part('new_merchant', row.newMerchant ?? false, row.newMerchantFactor),
  ];
  const boost = boostPart(row.boostBp, w);
  if (boost) parts.push(boost);
  return parts;
}

function toItem(
  row: Row,
  card: ProductCard,
  position: number,
  withRelevance: boolean,
  w: RankingWeights,
): RankedProduct {
  const parts = explain(row, withRelevance, w);
  return {
    id: row.id,
    shopId: row.shopId,
    title: card.title,
    imageUrl: card.imageUrl,
    minPriceFen: card.minPriceFen,
    guarantees: card.guarantees,
    recentUnits: row.recentUnits ?? 0,
    rating: row.rating,
    ratingCount: row.ratingCount ?? 0,
    trustBadge: row.trustBadge ?? false,
    scoreBand: row.scoreBand ?? 'not_enough_orders',
    position,
    rank: { score: Math.round(scoreOf(parts) * 1e6) / 1e6, parts },
  };
}

const ORDER: Record<ProductSort, (w: RankingWeights) => RawBuilder<unknown>> = {
  ranked: (w) => sql`${scoreSql(w)} desc, c.id desc`,
  sales: () => sql`coalesce(r.recent_units, 0) desc, c.id desc`,
  price_asc: () => sql`c.min_price_fen asc, c.id asc`,
  price_desc: () => sql`c.min_price_fen desc, c.id desc`,
};

/**
 * Ranked products (product rules §7.4): search with a query, the home feed without one, a shop's
 * products with `shopId`. Ordered by relevance × quality × trust × demotion × boost (综合), or by
 * 30-day sales, or by price; every item explains its position.
 */
export async function rankProducts(
  db: Executor,
  query: ProductQuery,
  ctx: { now: Date; weights: RankingWeights; configVersion: number; surface: Surface },
): Promise<RankedPage<RankedProduct>> {
  const { weights: w, now } = ctx;
  const sort = query.sort ?? 'ranked';
  const words = queryWords(query.q ?? '');
  const filter: ListedFilter = {
    query: searchQuerySql(words),
    ...(query.categoryId !== undefined ? { categoryIds: await subtreeIds(db, query.categoryId) } : {}),
    ...(query.shopId !== undefined ? { shopId: query.shopId } : {}),
    ...(query.minPriceFen !== undefined ? { minPriceFen: query.minPriceFen } : {}),
    ...(query.maxPriceFen !== undefined ? { maxPriceFen: query.maxPriceFen } : {}),
    ...(query.guarantees?.length ? { guarantees: query.guarantees } : {}),
  };
  const page = { requestId: randomUUID(), surface: ctx.surface, configVersion: ctx.configVersion };
  const trusted = query.trustedOnly ? sql`and s.trust_badge` : sql``;
  const byPrice = sort === 'price_asc' || sort === 'price_desc';
  // The matches' ranks by primary key, one lookup each (offset 0 keeps the planner from hashing the
  // whole rank table for a thousand matches: 29 ms → a few on 100,000 products).
  const from = (f: ListedFilter) => sql`from ${listedProductsSql(f, byPrice)} c
    left join lateral (select * from discovery_product_ranks r0 where r0.product_id = c.id offset 0) r on true
    left join discovery_shop_ranks s on s.shop_id = c.shop_id
    left join ${boosts(now)} b on b.target_id = c.id
    where true ${trusted}`;

  if (sort === 'ranked' && words.length === 0 && query.shopId === undefined) {
    // The home feed (and browsing a category): walk the static-score index, take enough candidates
    // for the page after shop variety, add the boosted products (boosts only raise a rank), re-rank.
    const need = query.offset + query.limit;
    const fetch = need * 2 + 20;
    const [top, boosted] = await Promise.all([
      sql<Row>`select ${COLUMNS} from discovery_product_ranks r
        join ${listedProductsSql(filter)} c on c.id = r.product_id
        left join discovery_shop_ranks s on s.shop_id = c.shop_id
        left join ${boosts(now)} b on b.target_id = c.id
        where true ${trusted}
        order by r.static_score desc, r.product_id desc limit ${fetch}`.execute(db),
      sql<Row>`select ${COLUMNS} ${from(filter)} and b.target_id is not null`.execute(db),
    ]);
    const byId = new Map<number, Row>();
    for (const row of [...top.rows, ...boosted.rows]) byId.set(row.id, row);
    const scored = [...byId.values()]
      .map((row) => ({ row, score: scoreOf(explain(row, false, w)) }))
      .sort((a, b) => b.score - a.score || b.row.id - a.row.id);
    const ordered = diversify(scored, (s) => s.row.shopId, w.perShopPerPage, 20);
    const chosen = ordered.slice(query.offset, need);
    const cards = await productCards(
      db,
      chosen.map((s) => s.row.id),
    );
    const items = chosen.flatMap((s, i) => {
      const card = cards.get(s.row.id);
      return card ? [toItem(s.row, card, query.offset + i + 1, false, w)] : [];
    });
    return {
      ...page,
      items,
      total: null,
      hasMore: ordered.length > need || top.rows.length === fetch,
      limit: query.limit,
      offset: query.offset,
    };
  }

  const result = await sql<Row>`select ${COLUMNS}, count(*) over () as total ${from(filter)}
    order by ${ORDER[sort](w)} limit ${query.limit} offset ${query.offset}`.execute(db);
  const total = result.rows.length > 0 ? Number(result.rows[0]!.total) : 0;
  const cards = await productCards(
    db,
    result.rows.map((r) => r.id),
  );
  return {
    ...page,
    items: result.rows.flatMap((row, i) => {
      const card = cards.get(row.id);
      return card ? [toItem(row, card, query.offset + i + 1, words.length > 0, w)] : [];
    }),
    total,
    hasMore: query.offset + result.rows.length < total,
    limit: query.limit,
    offset: query.offset,
  };
}
