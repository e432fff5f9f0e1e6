import { DAY, HOUR } from '../platform/clock.ts';
import type { Tx } from '../platform/db.ts';
import type { SeededShop } from './seed-shops.ts';

interface CouponPlan {
  /** null: a platform coupon; else the shop's name. */
  shop: string | null;
  /** In the shop's live room that is on air now. */
  inLiveRoom?: boolean;
  title: string;
  kind: 'threshold' | 'percent' | 'no_threshold';
  thresholdFen?: number;
  discountFen?: number;
  percentBp?: number;
  capFen?: number;
  claimDays: number;
  validDays: number;
  perBuyerLimit: number;
  issueCap: number;
  /** How many of the first demo buyers (buyer1…) have claimed one. */
  claimedBy: number;
}

// The demo's coupons (product rules §9): platform-funded ones for everyone, shop-funded ones of the
// first fruit shop (whose room is live now, with a live-room coupon) and of the phone shop.
const PLANS: readonly CouponPlan[] = [
  {
    shop: null,
    title: '满100减10',
    kind: 'threshold',
    thresholdFen: 10_000,
    discountFen: 1_000,
    claimDays: 30,
    validDays: 15,
    perBuyerLimit: 1,
    issueCap: 10_000,
    claimedBy: 12,
  },
  {
    shop: null,
    title: '新人无门槛5元',
    kind: 'no_threshold',
    discountFen: 500,
    claimDays: 30,
    validDays: 7,
    perBuyerLimit: 1,
    issueCap: 2_000,
    claimedBy: 3,
  },
  {
    shop: '鲜丰果园',
    title: '满199减20',
    kind: 'threshold',
    thresholdFen: 19_900,
    discountFen: 2_000,
    claimDays: 14,
    validDays: 15,
    perBuyerLimit: 2,
    issueCap: 1_000,
    claimedBy: 8,
  },
  {
    shop: '鲜丰果园',
    title: '9折 最高减30',
    kind: 'percent',
    percentBp: 1_000,
    capFen: 3_000,
    claimDays: 14,
    validDays: 7,
    perBuyerLimit: 1,
    issueCap: 500,
    claimedBy: 1,
  },
  {
    shop: '鲜丰果园',
    inLiveRoom: true,
    title: '直播间专享 满59减8',
    kind: 'threshold',
    thresholdFen: 5_900,
    discountFen: 800,
    claimDays: 1,
    validDays: 3,
    perBuyerLimit: 1,
    issueCap: 200,
    claimedBy: 0,
  },
  {
    shop: '小米官方旗舰店',
    title: '满1000减50',
    kind: 'threshold',
    thresholdFen: 100_000,
    discountFen: 5_000,
    claimDays: 30,
    validDays: 30,
    perBuyerLimit: 1,
    issueCap: 300,
    claimedBy: 2,
  },
];

export async function insertCoupons(
  tx: Tx,
  now: Date,
  shops: SeededShop[],
): Promise<{ couponCampaigns: number; buyerCoupons: number }> {
  const admin = await tx.selectFrom('users').select('id').where('login', '=', 'admin').executeTakeFirst();
  const buyers = await tx
    .selectFrom('users')
    .select('id')
    .where('kind', '=', 'buyer')
    .orderBy('id')
    .limit(20)
    .execute();
  let campaigns = 0;
  let claimed = 0;
  for (const plan of PLANS) {
    const shop = plan.shop === null ? null : shops.find((s) => s.def.name === plan.shop);
    if (shop === undefined || (plan.shop === null && !admin)) continue;
    let liveSessionId: number | null = null;
    if (plan.inLiveRoom) {
      const room = await tx
        .selectFrom('liveSessions')
        .select('id')
        .where('shopId', '=', shop!.id)
        .where('state', '=', 'live')
        .executeTakeFirst();
      if (!room) continue;
      liveSessionId = room.id;
    }
    const claimStartsAt = new Date(now.getTime() - (plan.inLiveRoom ? 0 : DAY));
    const campaign = await tx
      .insertInto('couponCampaigns')
      .values({
        funder: shop === null ? 'platform' : 'shop',
        shopId: shop?.id ?? null,
        liveSessionId,
        title: plan.title,
        kind: plan.kind,
        thresholdFen: plan.thresholdFen ?? 0,
        discountFen: plan.discountFen ?? 0,
        percentBp: plan.percentBp ?? 0,
        capFen: plan.capFen ?? null,
        claimStartsAt,
        claimEndsAt: new Date(now.getTime() + plan.claimDays * DAY),
        validDays: plan.validDays,
        useEndsAt: null,
        perBuyerLimit: plan.perBuyerLimit,
        issueCap: plan.issueCap,
        issued: Math.min(plan.claimedBy, buyers.length),
        state: 'active',
        createdBy: shop?.ownerId ?? admin!.id,
        createdAt: claimStartsAt,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    campaigns += 1;
    const holders = buyers.slice(0, plan.claimedBy);
    if (holders.length === 0) continue;
    await tx
      .insertInto('couponClaims')
      .values(holders.map((b) => ({ campaignId: campaign.id, buyerId: b.id, claimed: 1 })))
      .execute();
    await tx
      .insertInto('buyerCoupons')
      .values(
        holders.map((b, i) => {
          const claimedAt = new Date(now.getTime() - (i + 1) * HOUR);
          return {
            campaignId: campaign.id,
            buyerId: b.id,
            claimNo: 1,
            state: 'available' as const,
            claimedAt,
            expiresAt: new Date(claimedAt.getTime() + plan.validDays * DAY),
          };
        }),
      )
      .execute();
    claimed += holders.length;
  }
  return { couponCampaigns: campaigns, buyerCoupons: claimed };
}
