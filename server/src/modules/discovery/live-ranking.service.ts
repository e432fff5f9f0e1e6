import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { Executor } from '../../platform/db.ts';
import { activeBoosts } from '../growth/index.ts';
import { type LiveSessionView, roomsOnAir, sessionCards } from '../live/index.ts';
import { paidOrdersOfSessions } from '../orders/index.ts';
import type { DiscoveryShopRanksTable } from './discovery.tables.ts';
import type { RankedPage } from './product-ranking.service.ts';
import { boostPart, liveParts, type RankingWeights, type RankPart, scoreOf } from './rank.rule.ts';

export interface RankedRoom extends LiveSessionView {
  viewers: number;
  likes: number;
  trustBadge: boolean;
  scoreBand: string;
  position: number;
  rank: { score: number; parts: RankPart[] };
}

/** A shop's stored trust factors, as the rooms of its shop are ranked with them. */
type ShopRankRow = Omit<DiscoveryShopRanksTable, 'shopFactor' | 'configVersion' | 'refreshedAt'>;

function shopPartsOf(s: ShopRankRow | undefined): RankPart[] {
  if (!s) return [];
  return [
    { signal: 'score', value: s.shopScore, factor: s.scoreFactor },
    { signal: 'badge', value: s.trustBadge, factor: s.badgeFactor },
    { signal: 'quality_refund', value: s.qualityRefundBp, factor: s.qualityRefundFactor },
    { signal: 'repeat', value: s.repeatBp, factor: s.repeatFactor },
    { signal: 'traffic_limit', value: s.trafficLimited, factor: s.trafficFactor },
    { signal: 'new_merchant', value: s.newMerchant, factor: s.newMerchantFactor },
  ];
}

/**
 * Live discovery (product rules §7.4): the rooms on air ranked by engagement now (viewers, likes, the
 * session's paid orders) × the shop's trust × its demotion × a growth boost of the room. A creator's
 * room (no shop) has no trust part.
 */
export async function rankLiveRooms(
  db: Executor,
  query: { limit: number; offset: number },
  ctx: { now: Date; weights: RankingWeights; configVersion: number },
): Promise<RankedPage<RankedRoom>> {
  return liveRoomPage(db, await rankAllRooms(db, ctx), query, ctx);
}

/** Every room on air with its parts and score, best first (the same for every page of one moment). */
export type RankedRooms = Awaited<ReturnType<typeof rankAllRooms>>;

export async function rankAllRooms(db: Executor, ctx: { now: Date; weights: RankingWeights }) {
  const w = ctx.weights;
  const rooms = await roomsOnAir(db);
  const shopIds = [...new Set(rooms.flatMap((r) => (r.shopId === null ? [] : [r.shopId])))];
  const [sales, shops, boosts] = await Promise.all([
    paidOrdersOfSessions(
      db,
      rooms.map((r) => r.id),
    ),
    shopIds.length === 0
      ? { rows: [] as ShopRankRow[] }
      : sql<ShopRankRow>`select shop_id as "shopId", shop_score::float8 as "shopScore", score_band as "scoreBand",
          score_factor as "scoreFactor", trust_badge as "trustBadge", badge_factor as "badgeFactor",
          quality_refund_bp as "qualityRefundBp", quality_refund_factor as "qualityRefundFactor",
          repeat_bp as "repeatBp", repeat_factor as "repeatFactor", traffic_limited as "trafficLimited",
          traffic_factor as "trafficFactor", new_merchant as "newMerchant", new_merchant_factor as "newMerchantFactor"
        from discovery_shop_ranks where shop_id = any(${shopIds}::bigint[])`.execute(db),
    activeBoosts(
      db,
      rooms.map((r) => ({ targetType: 'live' as const, targetId: r.id })),
      ctx.now,
    ),
  ]);
  const shopRank = new Map(shops.rows.map((s) => [s.shopId, s]));
  const boostOf = new Map(boosts.map((b) => [b.targetId, b.weightBp]));
  const ranked = rooms
    .map((room) => {
      const shop = room.shopId === null ? undefined : shopRank.get(room.shopId);
      const parts = [
        ...liveParts({ viewers: room.viewers, likes: room.likes, paidOrders: sales.get(room.id) ?? 0 }, w),
        ...shopPartsOf(shop),
      ];
      const boost = boostPart(boostOf.get(room.id) ?? null, w);
      if (boost) parts.push(boost);
      return { room, shop, parts, score: scoreOf(parts) };
    })
    .sort((a, b) => b.score - a.score || b.room.id - a.room.id);
  return ranked;
}

/** A page of ranked rooms as buyers' cards, each explaining its position. */
export async function liveRoomPage(
  db: Executor,
  ranked: RankedRooms,
  query: { limit: number; offset: number },
  ctx: { configVersion: number },
): Promise<RankedPage<RankedRoom>> {
  const pageRooms = ranked.slice(query.offset, query.offset + query.limit);
  const cards = new Map(
    (
      await sessionCards(
        db,
        pageRooms.map((r) => r.room.id),
      )
    ).map((c) => [c.id, c]),
  );
  const items = pageRooms.flatMap((r, i) => {
    const card = cards.get(r.room.id);
    if (!card) return [];
    return [
      {
        ...card,
        viewers: r.room.viewers,
        likes: r.room.likes,
        trustBadge: r.shop?.trustBadge ?? false,
        scoreBand: r.shop?.scoreBand ?? 'not_enough_orders',
        position: query.offset + i + 1,
        rank: { score: Math.round(r.score * 1e6) / 1e6, parts: r.parts },
      },
    ];
  });
  return {
    requestId: randomUUID(),
    surface: 'live',
    configVersion: ctx.configVersion,
    items,
    total: ranked.length,
    hasMore: query.offset + query.limit < ranked.length,
    limit: query.limit,
    offset: query.offset,
  };
}
