import { describe, expect, it } from 'vitest';
import { type QuarterIndicators, rebateFen, type SellerTier, tierFor } from './seller-tier.rule.ts';

const tier = (
  n: number,
  hours: number,
  days: number,
  videos: number,
  followers: number,
  listed: number,
  bp: number,
  cap: number,
): SellerTier => ({
  tier: n,
  minLiveHours: hours,
  minLiveDays: days,
  minProductVideos: videos,
  minFollowerGain: followers,
  minListedProducts: listed,
  rewardCredits: n * 1000,
  rebateBp: bp,
  rebateCapFen: cap,
});
const tiers = [
  tier(1, 10, 5, 3, 20, 5, 100, 200_000),
  tier(2, 30, 15, 10, 100, 10, 200, 1_000_000),
  tier(3, 60, 30, 30, 500, 20, 300, 5_000_000),
];
const x = (
  hours: number,
  days: number,
  videos: number,
  followers: number,
  listed: number,
): QuarterIndicators => ({
  liveMinutes: hours * 60,
  liveDays: days,
  productVideos: videos,
  followerGain: followers,
  listedProducts: listed,
});

describe('tierFor', () => {
  it.each([
    ['nothing', x(0, 0, 0, 0, 0), null],
    ['exactly tier 1', x(10, 5, 3, 20, 5), 1],
    ['one minute short of tier 1', { ...x(10, 5, 3, 20, 5), liveMinutes: 599 }, null],
    ['tier 2 hours but tier 1 videos', x(40, 20, 3, 200, 12), 1],
    ['everything of tier 2', x(30, 15, 10, 100, 10), 2],
    ['above tier 3', x(100, 60, 40, 900, 50), 3],
    ['listed products missing blocks every tier', x(100, 60, 40, 900, 4), null],
  ])('%s', (_name, indicators, expected) => {
    expect(tierFor(tiers, indicators)?.tier ?? null).toBe(expected);
  });
});

describe('rebateFen', () => {
  it.each([
    ['no tier, no rebate', null, 1_000_000, 0],
    ['1% of ¥10,000', tiers[0]!, 1_000_000, 10_000],
    ['rounded half up: 1% of ¥0.50', tiers[0]!, 50, 1],
    ['capped at ¥2,000', tiers[0]!, 50_000_000, 200_000],
    ['no GMV', tiers[2]!, 0, 0],
  ])('%s', (_name, t, gmv, expected) => {
    expect(rebateFen(t, gmv)).toBe(expected);
  });
});
