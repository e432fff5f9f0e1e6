import type { CouponFunder, CouponKind } from './promotions.tables.ts';

/** A buyer's available coupon as checkout sees it. */
export interface CouponOffer {
  buyerCouponId: number;
  campaignId: number;
  funder: CouponFunder;
  /** The funding shop (shop and live-room coupons); null for platform coupons. */
  shopId: number | null;
  /** Set for a live-room coupon (claimed in that room; used like any coupon of its shop). */
  liveSessionId: number | null;
  kind: CouponKind;
  thresholdFen: number;
  /** threshold / no_threshold: the amount off. */
  discountFen: number;
  /** percent: the share taken off, in basis points (1,000 = 10% off, "9折"). */
  percentBp: number;
  /** percent: the most it takes off; null: no cap. */
  capFen: number | null;
  title: string;
  expiresAt: Date;
}
