import { describe, expect, it } from 'vitest';
import { defaultConfig } from '../configuration/index.ts';
import { boostPart, liveParts, notableParts, productParts, scoreOf, shopParts } from './rank.rule.ts';

const w = defaultConfig.ranking;
const factor = (parts: { signal: string; factor: number }[], signal: string) =>
  parts.find((p) => p.signal === signal)?.factor;

const neutralShop = {
  score: null,
  badge: false,
  qualityRefundBp: null,
  repeatBp: null,
  trafficLimited: false,
  newMerchant: false,
};

describe('ranking factors (product rules §7.4)', () => {
  it.each([
    [{ recentUnits: 0 }, 'sales', 1],
    [{ recentUnits: 1_000 }, 'sales', 1.6],
    [{ recentUnits: 1_000_000 }, 'sales', 1.6],
    [{ rating: 5, ratingCount: 10 }, 'rating', 1.3],
    [{ rating: 3, ratingCount: 10 }, 'rating', 0.7],
    [{ rating: 5, ratingCount: 2 }, 'rating', 1],
    [{ completenessBp: 10_000 }, 'completeness', 1.2],
  ])('a product with %j: %s factor %d', (input, signal, expected) => {
    const parts = productParts(
      { recentUnits: 0, rating: null, ratingCount: 0, completenessBp: 0, ...input },
      w,
    );
    expect(factor(parts, signal)).toBeCloseTo(expected, 4);
  });

  it.each([
    [{ score: 4.8 }, 'score', 1.48],
    [{ score: 4.0 }, 'score', 1],
    [{ score: 2.0 }, 'score', 0.4],
    [{ score: null }, 'score', 1],
    [{ badge: true }, 'badge', 1.3],
    [{ qualityRefundBp: 250 }, 'quality_refund', 0.75],
    [{ qualityRefundBp: 5_000 }, 'quality_refund', 0.5],
    [{ repeatBp: 4_000 }, 'repeat', 1.3],
    [{ trafficLimited: true }, 'traffic_limit', 0.2],
    [{ newMerchant: true }, 'new_merchant', 1.2],
  ])('a shop with %j: %s factor %d', (input, signal, expected) => {
    expect(factor(shopParts({ ...neutralShop, ...input }, w), signal)).toBeCloseTo(expected, 4);
  });

  it('a boost multiplies by 1 + weight up to the cap; none is no part', () => {
    expect(boostPart(5_000, w)).toEqual({ signal: 'boost', value: 5_000, factor: 1.5 });
    expect(boostPart(90_000, w)?.factor).toBe(3);
    expect(boostPart(null, w)).toBeNull();
  });

  it('live engagement grows with viewers, likes and sales', () => {
    const quiet = scoreOf(liveParts({ viewers: 0, likes: 0, paidOrders: 0 }, w));
    const busy = scoreOf(liveParts({ viewers: 999, likes: 99, paidOrders: 9 }, w));
    expect(quiet).toBe(1);
    expect(busy).toBeCloseTo(2.5 * 1.4 * 1.3, 4);
  });

  it('the score is the product of the factors; the notable parts come largest first', () => {
    const parts = [
      ...productParts({ recentUnits: 1_000, rating: null, ratingCount: 0, completenessBp: 0 }, w),
      ...shopParts({ ...neutralShop, trafficLimited: true, badge: true }, w),
    ];
    expect(scoreOf(parts)).toBeCloseTo(1.6 * 1.3 * 0.2, 6);
    expect(notableParts(parts).map((p) => p.signal)).toEqual(['traffic_limit', 'sales', 'badge']);
  });
});
