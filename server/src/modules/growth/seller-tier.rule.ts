import { applyBasisPoints, type Fen } from '../../platform/money.ts';

/** A 斗金 tier of a programme version: every minimum must be met (product rules §7.5). */
export interface SellerTier {
  tier: number;
  minLiveHours: number;
  minLiveDays: number;
  minProductVideos: number;
  minFollowerGain: number;
  minListedProducts: number;
  rewardCredits: number;
  rebateBp: number;
  rebateCapFen: Fen;
}

/** A shop's indicators over a quarter. */
export interface QuarterIndicators {
  liveMinutes: number;
  liveDays: number;
  productVideos: number;
  followerGain: number;
  listedProducts: number;
}

export function meetsTier(tier: SellerTier, x: QuarterIndicators): boolean {
  return (
    x.liveMinutes >= tier.minLiveHours * 60 &&
    x.liveDays >= tier.minLiveDays &&
    x.productVideos >= tier.minProductVideos &&
    x.followerGain >= tier.minFollowerGain &&
    x.listedProducts >= tier.minListedProducts
  );
}

/** The highest tier whose every minimum the indicators meet, or null. */
export function tierFor(tiers: readonly SellerTier[], x: QuarterIndicators): SellerTier | null {
  let best: SellerTier | null = null;
  for (const tier of tiers) if (meetsTier(tier, x) && (!best || tier.tier > best.tier)) best = tier;
  return best;
}

/** The GMV rebate of a tier: its share of the quarter's GMV, rounded by the one rounding rule, capped. */
export function rebateFen(tier: SellerTier | null, gmvFen: Fen): Fen {
  if (!tier) return 0;
  return Math.min(applyBasisPoints(gmvFen, tier.rebateBp), tier.rebateCapFen);
}
