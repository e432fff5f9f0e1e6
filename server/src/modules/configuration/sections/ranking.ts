import { type Static, Type } from '@sinclair/typebox';

const Weight = (description: string, maximum = 5) => Type.Number({ minimum: 0, maximum, description });
const Factor = (description: string) => Type.Number({ minimum: 0, maximum: 10, description });
const Whole = (description: string, maximum: number) => Type.Integer({ minimum: 1, maximum, description });

/**
 * product rules §7.4 traffic allocation: rank = relevance × quality × trust × demotion × boosts, each
 * signal a factor around 1. Key prefix `ranking.`.
 */
export const RankingSchema = Type.Object(
  {
    salesWeight: Weight('30-day sales: factor 1 + w × log(1 + units) / log(1 + salesCap)'),
    salesCap: Whole('units in 30 days that earn the whole sales weight', 1_000_000),
    ratingWeight: Weight('rating: factor 1 + w × (stars − 4), stars from ratingMinReviews reviews on'),
    ratingMinReviews: Whole('reviews a rating needs before it counts', 1_000),
    completenessWeight: Weight('listing completeness (images, description, brand): 1 + w × share'),
    scoreWeight: Weight('experience score: 1 + w × (score − 4.0), capped at ±1 point; none: 1'),
    badgeFactor: Factor('信任购 badge: multiplies the rank'),
    qualityRefundWeight: Weight('quality-refund rate: 1 − w × min(rate / qualityRefundCapBp, 1)', 0.95),
    qualityRefundCapBp: Whole('the quality-refund rate (bp) that costs the whole weight', 10_000),
    repeatWeight: Weight('30-day repeat-customer index: 1 + w × min(index / repeatTargetBp, 1)'),
    repeatTargetBp: Whole('the repeat index (bp) that earns the whole weight', 10_000),
    trafficLimitFactor: Factor('a traffic_limit penalty (限流) multiplies the rank by this'),
    newMerchantFactor: Factor('a shop in its first newMerchantDays days (新商) multiplies by this'),
    newMerchantDays: Whole('days a new shop is boosted', 365),
    boostCapFactor: Factor('a growth boost multiplies by 1 + weight, at most this'),
    liveViewersWeight: Weight('live discovery: 1 + w × log10(1 + viewers now)'),
    liveLikesWeight: Weight('live discovery: 1 + w × log10(1 + likes)'),
    liveSalesWeight: Weight('live discovery: 1 + w × log10(1 + paid orders in the session)'),
    perShopPerPage: Whole('home feed: at most this many products of one shop in a page of 20', 20),
    refreshEveryMs: Type.Integer({
      minimum: 60_000,
      maximum: 86_400_000,
      description: 'the static ranks of every product are recomputed this often',
    }),
  },
  { additionalProperties: false },
);

export type RankingConfig = Static<typeof RankingSchema>;

export const defaultRanking: RankingConfig = {
  salesWeight: 0.6,
  salesCap: 1_000,
  ratingWeight: 0.3,
  ratingMinReviews: 3,
  completenessWeight: 0.2,
  scoreWeight: 0.6,
  badgeFactor: 1.3,
  qualityRefundWeight: 0.5,
  qualityRefundCapBp: 500,
  repeatWeight: 0.3,
  repeatTargetBp: 4_000,
  trafficLimitFactor: 0.2,
  newMerchantFactor: 1.2,
  newMerchantDays: 30,
  boostCapFactor: 3,
  liveViewersWeight: 0.5,
  liveLikesWeight: 0.2,
  liveSalesWeight: 0.3,
  perShopPerPage: 2,
  refreshEveryMs: 600_000,
};
