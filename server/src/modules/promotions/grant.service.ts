import type { Tx } from '../../platform/db.ts';
import { insertCampaign, stopCampaign } from './campaigns.store.ts';

export interface PlatformCouponGrant {
  buyerId: number;
  /** What the buyer reads in 我的优惠券 ("平台关怀券"). */
  title: string;
  /** A no-threshold coupon of this many fen, funded by the platform. */
  discountFen: number;
  validDays: number;
  /** The ops user granting it. */
  grantedBy: number;
  now: Date;
}

const DAY_MS = 86_400_000;

/**
 * Gives one buyer a platform-funded no-threshold coupon (care's compensation, product rules §8.6), in
 * the caller's transaction: a one-coupon platform campaign issued to that buyer and stopped at once,
 * so nobody else can claim it and it never shows in the coupon centre. At checkout it is the platform's
 * discount like any platform coupon (the platform pays the merchant the discount at settlement).
 * The caller keeps it to once per its own cause. Returns the buyer's coupon id.
 */
export async function grantPlatformCoupon(
  tx: Tx,
  grant: PlatformCouponGrant,
): Promise<{ buyerCouponId: number; campaignId: number; expiresAt: Date }> {
  const { now } = grant;
  if (!Number.isSafeInteger(grant.discountFen) || grant.discountFen <= 0)
    throw new RangeError(`a coupon must take a positive safe integer of fen off, got ${grant.discountFen}`);
  const expiresAt = new Date(now.getTime() + grant.validDays * DAY_MS);
  const campaign = await insertCampaign(
    tx,
    {
      funder: 'platform',
      shopId: null,
      liveSessionId: null,
      title: grant.title,
      kind: 'no_threshold',
      thresholdFen: 0,
      discountFen: grant.discountFen,
      percentBp: 0,
      capFen: null,
      claimStartsAt: now,
      claimEndsAt: new Date(now.getTime() + 60_000),
      validDays: grant.validDays,
      useEndsAt: expiresAt,
      perBuyerLimit: 1,
      issueCap: 1,
      issued: 1,
      createdBy: grant.grantedBy,
    },
    now,
  );
  await tx
    .insertInto('couponClaims')
    .values({ campaignId: campaign.id, buyerId: grant.buyerId, claimed: 1 })
    .execute();
  const coupon = await tx
    .insertInto('buyerCoupons')
    .values({
      campaignId: campaign.id,
      buyerId: grant.buyerId,
      claimNo: 1,
      state: 'available',
      claimedAt: now,
      expiresAt,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await stopCampaign(tx, campaign.id, now);
  return { buyerCouponId: coupon.id, campaignId: campaign.id, expiresAt };
}
