import type { PlatformConfig } from '../configuration/index.ts';

export type RankingWeights = PlatformConfig['ranking'];

/** The signals a rank is made of (product rules §7.4); each gives a factor around 1. */
export type Signal =
  | 'relevance'
  | 'sales'
  | 'rating'
  | 'completeness'
  | 'score'
  | 'badge'
  | 'quality_refund'
  | 'repeat'
  | 'traffic_limit'
  | 'new_merchant'
  | 'boost'
  | 'viewers'
  | 'likes'
  | 'live_sales';

/** One line of "why this position": the signal, its value, and the factor it multiplied the rank by. */
export interface RankPart {
  signal: Signal;
  value: number | boolean | null;
  factor: number;
}

// Factors are stored and shown rounded; the score is the product of the rounded factors, so an
// explanation multiplies out to its score exactly as shown.
const round = (x: number) => Math.round(x * 10_000) / 10_000;
const clamp = (x: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, x));
const log = (n: number) => Math.log10(1 + Math.max(0, n));

export interface ProductSignals {
  recentUnits: number;
  rating: number | null;
  ratingCount: number;
  completenessBp: number;
}

/** Quality of a listing: 30-day sales, rating (enough reviews only), completeness. */
export function productParts(s: ProductSignals, w: RankingWeights): RankPart[] {
  const rated = s.rating !== null && s.ratingCount >= w.ratingMinReviews;
  return [
    {
      signal: 'sales',
      value: s.recentUnits,
      factor: round(1 + w.salesWeight * Math.min(1, log(s.recentUnits) / log(w.salesCap))),
    },
    {
      signal: 'rating',
      value: s.rating,
      factor: rated ? round(Math.max(0.05, 1 + w.ratingWeight * clamp(s.rating! - 4, -1, 1))) : 1,
    },
    {
      signal: 'completeness',
      value: s.completenessBp,
      factor: round(1 + w.completenessWeight * clamp(s.completenessBp / 10_000, 0, 1)),
    },
  ];
}

export interface ShopSignals {
  /** Experience score 0–5; null: not enough orders. */
  score: number | null;
  badge: boolean;
  /** Quality-refund rate in basis points; null: unknown. */
  qualityRefundBp: number | null;
  /** 30-day repeat-customer index in basis points; null: unknown. */
  repeatBp: number | null;
  trafficLimited: boolean;
  newMerchant: boolean;
}

/** Trust of the shop, its demotion and its new-merchant boost. */
export function shopParts(s: ShopSignals, w: RankingWeights): RankPart[] {
  return [
    {
      signal: 'score',
      value: s.score,
      factor: s.score === null ? 1 : round(Math.max(0.05, 1 + w.scoreWeight * clamp(s.score - 4, -1, 1))),
    },
    { signal: 'badge', value: s.badge, factor: s.badge ? round(w.badgeFactor) : 1 },
    {
      signal: 'quality_refund',
      value: s.qualityRefundBp,
      factor:
        s.qualityRefundBp === null
          ? 1
          : round(1 - w.qualityRefundWeight * Math.min(1, s.qualityRefundBp / w.qualityRefundCapBp)),
    },
    {
      signal: 'repeat',
      value: s.repeatBp,
      factor:
        s.repeatBp === null ? 1 : round(1 + w.repeatWeight * Math.min(1, s.repeatBp / w.repeatTargetBp)),
    },
    {
      signal: 'traffic_limit',
      value: s.trafficLimited,
      factor: s.trafficLimited ? round(w.trafficLimitFactor) : 1,
    },
    {
      signal: 'new_merchant',
      value: s.newMerchant,
      factor: s.newMerchant ? round(w.newMerchantFactor) : 1,
    },
  ];
}

/** A growth boost of `weightBp` (null: none) multiplies by 1 + weight, at most boostCapFactor. */
export function boostPart(weightBp: number | null, w: RankingWeights): RankPart | null {
  if (weightBp === null || weightBp <= 0) return null;
  return {
    signal: 'boost',
    value: weightBp,
    factor: round(Math.min(w.boostCapFactor, 1 + weightBp / 10_000)),
  };
}

/** Text relevance (ts_rank of the query's words, normalised by length), as a factor. */
export function relevancePart(rank: number): RankPart {
  // ts_rank of a short title lies around 0.01–0.1: scaled so a typical match is near 1.
  return { signal: 'relevance', value: round(rank), factor: round(Math.max(0.0001, rank * 10)) };
}

export interface LiveSignals {
  viewers: number;
  likes: number;
  paidOrders: number;
}

/** A live room's engagement now: viewers, likes and the session's paid orders. */
export function liveParts(s: LiveSignals, w: RankingWeights): RankPart[] {
  return [
    { signal: 'viewers', value: s.viewers, factor: round(1 + w.liveViewersWeight * log(s.viewers)) },
    { signal: 'likes', value: s.likes, factor: round(1 + w.liveLikesWeight * log(s.likes)) },
    { signal: 'live_sales', value: s.paidOrders, factor: round(1 + w.liveSalesWeight * log(s.paidOrders)) },
  ];
}

/** The rank: the product of its parts' factors. */
export function scoreOf(parts: readonly RankPart[]): number {
  return parts.reduce((acc, p) => acc * p.factor, 1);
}

/** The signals that moved the rank (factor ≠ 1), largest effect first: what "为什么推荐" words. */
export function notableParts(parts: readonly RankPart[]): RankPart[] {
  return parts
    .filter((p) => p.factor !== 1 && p.signal !== 'relevance')
    .sort((a, b) => Math.abs(Math.log(b.factor)) - Math.abs(Math.log(a.factor)));
}
