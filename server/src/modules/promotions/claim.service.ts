import { sql } from 'kysely';
import type { Principal } from '../../platform/access.ts';
import type { Db, Tx } from '../../platform/db.ts';
import { type IdempotentOutcome, runIdempotent } from '../../platform/run-idempotent.ts';
import { publishLiveChange, sessionFactsForShare } from '../live/index.ts';
import { claimRefusal, couponExpiry } from './claim-eligibility.rule.ts';
import { type BuyerCouponView, buyerCouponViews } from './coupons-read.service.ts';
import { campaignNotFound, refused } from './promotions.errors.ts';

/**
 * product rules §9 Coupons: a buyer claims one coupon of a campaign, once per Idempotency-Key (a replay
 * answers the first result, refusals included). In one transaction: the per-buyer counter row is raised
 * only below the limit (its row lock queues one buyer's concurrent claims), then the campaign's `issued`
 * only below the cap (the campaign row queues everyone's), so no process mix ever over-issues. A
 * live-room coupon needs its room live, held for the transaction.
 */
export async function claimCoupon(
  db: Db,
  principal: Principal,
  campaignId: number,
  idempotencyKey: string,
  now: Date,
): Promise<IdempotentOutcome<BuyerCouponView>> {
  const request = { userId: principal.userId, key: idempotencyKey, hash: `coupon:claim:${campaignId}` };
  return runIdempotent(db, request, (tx) => claim(tx, principal.userId, campaignId, now));
}

async function claim(tx: Tx, buyerId: number, campaignId: number, now: Date): Promise<BuyerCouponView> {
  const campaign = await tx
    .selectFrom('couponCampaigns')
    .selectAll()
    .where('id', '=', campaignId)
    .executeTakeFirst();
  if (!campaign) throw campaignNotFound(campaignId);
  let roomLive: boolean | null = null;
  if (campaign.liveSessionId !== null) {
    const room = await sessionFactsForShare(tx, campaign.liveSessionId);
    roomLive = room?.state === 'live';
  }
  const held = await tx
    .selectFrom('couponClaims')
    .select('claimed')
    .where('campaignId', '=', campaignId)
    .where('buyerId', '=', buyerId)
    .executeTakeFirst();
  // Unlocked first look: names the reason, and keeps refused claims off the campaign's hot row.
  const facts = { ...campaign, claimedByBuyer: held?.claimed ?? 0, roomLive };
  const early = claimRefusal(facts, now);
  if (early) throw refused(early);

  const counted = await tx
    .insertInto('couponClaims')
    .values({ campaignId, buyerId, claimed: 1 })
    .onConflict((oc) =>
      oc
        .columns(['campaignId', 'buyerId'])
        .doUpdateSet({ claimed: sql`coupon_claims.claimed + 1` })
        .where('couponClaims.claimed', '<', campaign.perBuyerLimit),
    )
    .returning('claimed')
    .executeTakeFirst();
  if (!counted) throw refused(claimRefusal({ ...facts, claimedByBuyer: campaign.perBuyerLimit }, now)!);

  const coupon = await tx
    .insertInto('buyerCoupons')
    .values({
      campaignId,
      buyerId,
      claimNo: counted.claimed,
      state: 'available',
      claimedAt: now,
      expiresAt: couponExpiry(now, campaign.validDays, campaign.useEndsAt),
    })
    .returning('id')
    .executeTakeFirstOrThrow();

  // Last, so the campaign row stays locked for as little as possible: the cap holds by this condition.
  const issued = await tx
    .updateTable('couponCampaigns')
    .set({ issued: sql`issued + 1` })
    .where('id', '=', campaignId)
    .where('issued', '<', sql<number>`issue_cap`)
    .where('state', 'in', ['scheduled', 'active'])
    .where('claimStartsAt', '<=', now)
    .where('claimEndsAt', '>', now)
    .returning(['issued', 'issueCap'])
    .executeTakeFirst();
  if (!issued) {
    const now2 = await tx
      .selectFrom('couponCampaigns')
      .selectAll()
      .where('id', '=', campaignId)
      .executeTakeFirstOrThrow();
    throw refused(
      claimRefusal({ ...now2, claimedByBuyer: 0, roomLive }, now) ?? {
        code: 'coupon_sold_out',
        message: 'all coupons have been claimed',
      },
    );
  }
  // The room shows 已抢光 once the last one goes.
  if (campaign.liveSessionId !== null && issued.issued === issued.issueCap)
    await publishLiveChange(tx, { sessionId: campaign.liveSessionId, kind: 'offers' });
  const [view] = await buyerCouponViews(tx, [coupon.id], now);
  return view!;
}
