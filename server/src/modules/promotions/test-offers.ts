import type { CouponOffer } from './coupon-offer.ts';

let nextId = 1;

/** A coupon offer for the rule tests: a platform 满100减10 unless overridden. */
export function offer(overrides: Partial<CouponOffer> = {}): CouponOffer {
  const id = nextId++;
  return {
    buyerCouponId: id,
    campaignId: id,
    funder: 'platform',
    shopId: null,
    liveSessionId: null,
    kind: 'threshold',
    thresholdFen: 10_000,
    discountFen: 1_000,
    percentBp: 0,
    capFen: null,
    title: `coupon ${id}`,
    expiresAt: new Date(Date.UTC(2027, 0, 1) + id),
    ...overrides,
  };
}

export const shopOffer = (shopId: number, overrides: Partial<CouponOffer> = {}) =>
  offer({ funder: 'shop', shopId, ...overrides });
