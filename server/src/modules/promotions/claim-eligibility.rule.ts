import type { Refusal } from '../../platform/state-machine.ts';
import type { CampaignState } from './promotions.tables.ts';

export interface ClaimFacts {
  state: CampaignState;
  claimStartsAt: Date;
  claimEndsAt: Date;
  useEndsAt: Date | null;
  issued: number;
  issueCap: number;
  perBuyerLimit: number;
  /** How many of this campaign the buyer already holds (used or not). */
  claimedByBuyer: number;
  /** A live-room coupon: whether its room is live now; null for other coupons. */
  roomLive: boolean | null;
}

/**
 * product rules §9 Coupons: why a buyer may not claim a coupon now, or null. The claim itself enforces
 * the limits again with conditional updates; this names the reason first and drives the "claimable"
 * state of the lists.
 */
export function claimRefusal(f: ClaimFacts, now: Date): Refusal | null {
  if (f.state === 'stopped') return { code: 'coupon_unavailable', message: 'the campaign was stopped' };
  if (now < f.claimStartsAt)
    return {
      code: 'coupon_not_started',
      message: 'claims have not opened yet',
      details: { claimStartsAt: f.claimStartsAt.toISOString() },
    };
  if (now >= f.claimEndsAt || (f.useEndsAt !== null && now >= f.useEndsAt))
    return { code: 'coupon_expired', message: 'the claim window has closed' };
  if (f.roomLive === false) return { code: 'live_not_live', message: 'the live room is not live' };
  if (f.claimedByBuyer >= f.perBuyerLimit)
    return {
      code: 'coupon_claim_limit',
      message: `at most ${f.perBuyerLimit} per buyer`,
      details: { perBuyerLimit: f.perBuyerLimit },
    };
  if (f.issued >= f.issueCap) return { code: 'coupon_sold_out', message: 'all coupons have been claimed' };
  return null;
}

const DAY_MS = 86_400_000;

/** A claimed coupon is usable until min(claimedAt + validDays, useEndsAt). */
export function couponExpiry(claimedAt: Date, validDays: number, useEndsAt: Date | null): Date {
  const byDays = claimedAt.getTime() + validDays * DAY_MS;
  return new Date(useEndsAt === null ? byDays : Math.min(byDays, useEndsAt.getTime()));
}
