import type { Transitions } from '../../platform/state-machine.ts';
import type { BuyerCouponState, CampaignState } from './promotions.tables.ts';

/** product rules §9 Coupons: a campaign opens for claims at its start and may be stopped at any time. */
export const campaignTransitions = {
  scheduled: ['active', 'stopped'],
  active: ['stopped'],
  stopped: [],
} as const satisfies Transitions<CampaignState>;

/**
 * A buyer's coupon: used by one order; given back (available) when that order is cancelled unpaid or
 * instantly refunded, or expired when it is given back after its validity.
 */
export const buyerCouponTransitions = {
  available: ['used', 'expired'],
  used: ['available', 'expired'],
  expired: [],
} as const satisfies Transitions<BuyerCouponState>;
