import type { ColumnType, Generated } from 'kysely';

export type CouponFunder = 'platform' | 'shop';
export type CouponKind = 'threshold' | 'percent' | 'no_threshold';
/** scheduled (claims not open yet) → active → stopped; see promotions.machine.ts. */
export type CampaignState = 'scheduled' | 'active' | 'stopped';
/** available → used → available (order cancelled unpaid / instantly refunded), available|used → expired. */
export type BuyerCouponState = 'available' | 'used' | 'expired';

export interface CouponCampaignsTable {
  id: Generated<number>;
  funder: CouponFunder;
  /** The shop funding a shop or live-room coupon; null for platform coupons. */
  shopId: number | null;
  /** A live-room coupon: claimable only while this session is live. */
  liveSessionId: number | null;
  title: string;
  kind: CouponKind;
  thresholdFen: number;
  discountFen: number;
  percentBp: number;
  capFen: number | null;
  claimStartsAt: Date;
  claimEndsAt: Date;
  /** A claimed coupon is usable until min(claimedAt + validDays, useEndsAt). */
  validDays: number;
  useEndsAt: Date | null;
  perBuyerLimit: number;
  issueCap: number;
  issued: ColumnType<number, number | undefined>;
  state: CampaignState;
  createdBy: number;
  createdAt: ColumnType<Date, Date | undefined, never>;
  stoppedAt: ColumnType<Date | null, Date | null | undefined>;
}

/** How many coupons of a campaign a buyer has claimed: the row lock that keeps the per-buyer limit. */
export interface CouponClaimsTable {
  campaignId: number;
  buyerId: number;
  claimed: number;
}

export interface BuyerCouponsTable {
  id: Generated<number>;
  campaignId: number;
  buyerId: number;
  /** 1..perBuyerLimit: the buyer's n-th coupon of the campaign (unique, a second guard on the limit). */
  claimNo: number;
  state: BuyerCouponState;
  orderId: ColumnType<number | null, number | null | undefined>;
  claimedAt: Date;
  expiresAt: Date;
  usedAt: ColumnType<Date | null, Date | null | undefined>;
}

export interface PromotionsTables {
  couponCampaigns: CouponCampaignsTable;
  couponClaims: CouponClaimsTable;
  buyerCoupons: BuyerCouponsTable;
}
