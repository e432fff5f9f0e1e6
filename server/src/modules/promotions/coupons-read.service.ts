import type { Executor } from '../../platform/db.ts';
import { sessionFacts } from '../live/index.ts';
import { shopNames } from '../shops/index.ts';
import { claimRefusal } from './claim-eligibility.rule.ts';
import type { BuyerCouponState, CouponFunder, CouponKind } from './promotions.tables.ts';

export interface BuyerCouponView {
  id: number;
  campaignId: number;
  funder: CouponFunder;
  shop: { id: number; name: string } | null;
  liveSessionId: number | null;
  title: string;
  kind: CouponKind;
  thresholdFen: number;
  discountFen: number;
  percentBp: number;
  capFen: number | null;
  /** As the buyer sees it: an available coupon past its expiry reads expired. */
  state: BuyerCouponState;
  orderId: number | null;
  claimedAt: Date;
  expiresAt: Date;
  usedAt: Date | null;
}

const couponColumns = [
  'b.id',
  'b.campaignId',
  'b.state',
  'b.orderId',
  'b.claimedAt',
  'b.expiresAt',
  'b.usedAt',
  'c.funder',
  'c.shopId',
  'c.liveSessionId',
  'c.title',
  'c.kind',
  'c.thresholdFen',
  'c.discountFen',
  'c.percentBp',
  'c.capFen',
] as const;

function couponsQuery(db: Executor) {
  return db
    .selectFrom('buyerCoupons as b')
    .innerJoin('couponCampaigns as c', 'c.id', 'b.campaignId')
    .select(couponColumns);
}

type CouponRow = Awaited<ReturnType<ReturnType<typeof couponsQuery>['execute']>>[number];

async function toViews(db: Executor, rows: CouponRow[], now: Date): Promise<BuyerCouponView[]> {
  const names = await shopNames(db, [...new Set(rows.flatMap((r) => (r.shopId === null ? [] : [r.shopId])))]);
  return rows.map(({ shopId, state, ...r }) => ({
    ...r,
    shop: shopId === null ? null : { id: shopId, name: names.get(shopId) ?? '' },
    state: state === 'available' && r.expiresAt <= now ? 'expired' : state,
  }));
}

/** Buyer coupons by id, as the buyer sees them. */
export async function buyerCouponViews(db: Executor, ids: number[], now: Date): Promise<BuyerCouponView[]> {
  if (ids.length === 0) return [];
  return toViews(db, await couponsQuery(db).where('b.id', 'in', ids).orderBy('b.id').execute(), now);
}

/**
 * 我的优惠券: the buyer's coupons in one state as the buyer sees it (expiry is computed on read: an
 * available coupon past its expiry is listed under expired). Available: soonest expiry first; the others
 * newest first.
 */
export async function myCoupons(
  db: Executor,
  buyerId: number,
  query: { state: BuyerCouponState; limit: number; offset: number },
  now: Date,
) {
  let q = couponsQuery(db).where('b.buyerId', '=', buyerId);
  if (query.state === 'available') q = q.where('b.state', '=', 'available').where('b.expiresAt', '>', now);
  else if (query.state === 'used') q = q.where('b.state', '=', 'used');
  else
    q = q.where((eb) =>
      eb.or([
        eb('b.state', '=', 'expired'),
        eb.and([eb('b.state', '=', 'available'), eb('b.expiresAt', '<=', now)]),
      ]),
    );
  const ordered =
    query.state === 'available'
      ? q.orderBy('b.expiresAt', 'asc').orderBy('b.id', 'asc')
      : query.state === 'used'
        ? q.orderBy('b.usedAt', 'desc').orderBy('b.id', 'desc')
        : q.orderBy('b.expiresAt', 'desc').orderBy('b.id', 'desc');
  const [rows, count] = await Promise.all([
    ordered.limit(query.limit).offset(query.offset).execute(),
    q
      .clearSelect()
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  return {
    items: await toViews(db, rows, now),
    total: Number(count.n),
    limit: query.limit,
    offset: query.offset,
  };
}

export interface ClaimableView {
  campaignId: number;
  funder: CouponFunder;
  shop: { id: number; name: string } | null;
  liveSessionId: number | null;
  title: string;
  kind: CouponKind;
  thresholdFen: number;
  discountFen: number;
  percentBp: number;
  capFen: number | null;
  claimStartsAt: Date;
  claimEndsAt: Date;
  validDays: number;
  useEndsAt: Date | null;
  perBuyerLimit: number;
  remaining: number;
  claimed: number;
  refusal: string | null;
}

const campaignColumns = [
  'id',
  'funder',
  'shopId',
  'liveSessionId',
  'title',
  'kind',
  'thresholdFen',
  'discountFen',
  'percentBp',
  'capFen',
  'claimStartsAt',
  'claimEndsAt',
  'validDays',
  'useEndsAt',
  'perBuyerLimit',
  'issueCap',
  'issued',
  'state',
] as const;

function claimableQuery(db: Executor, now: Date) {
  return db
    .selectFrom('couponCampaigns')
    .select(campaignColumns)
    .where('state', '<>', 'stopped')
    .where('claimEndsAt', '>', now)
    .where((eb) => eb.or([eb('useEndsAt', 'is', null), eb('useEndsAt', '>', now)]));
}

type CampaignRow = Awaited<ReturnType<ReturnType<typeof claimableQuery>['execute']>>[number];

async function toClaimable(
  db: Executor,
  rows: CampaignRow[],
  buyerId: number | null,
  roomLive: boolean | null,
  now: Date,
): Promise<ClaimableView[]> {
  const ids = rows.map((r) => r.id);
  const held =
    buyerId === null || ids.length === 0
      ? []
      : await db
          .selectFrom('couponClaims')
          .select(['campaignId', 'claimed'])
          .where('buyerId', '=', buyerId)
          .where('campaignId', 'in', ids)
          .execute();
  const claimedOf = new Map(held.map((h) => [h.campaignId, h.claimed]));
  const names = await shopNames(db, [...new Set(rows.flatMap((r) => (r.shopId === null ? [] : [r.shopId])))]);
  return rows.map(({ id, shopId, issueCap, issued, state, ...r }) => {
    const claimed = claimedOf.get(id) ?? 0;
    const refusal = claimRefusal({ ...r, state, issued, issueCap, claimedByBuyer: claimed, roomLive }, now);
    return {
      ...r,
      campaignId: id,
      shop: shopId === null ? null : { id: shopId, name: names.get(shopId) ?? '' },
      remaining: Math.max(0, issueCap - issued),
      claimed,
      refusal: refusal?.code ?? null,
    };
  });
}

/**
 * 领券中心: platform and shop coupons open for claims or about to open (live-room coupons are claimed in
 * their room), platform first, then the ones closing soonest; `shopId` narrows to one shop's coupons.
 */
export async function couponCentre(
  db: Executor,
  buyerId: number | null,
  shopId: number | undefined,
  now: Date,
) {
  let q = claimableQuery(db, now).where('liveSessionId', 'is', null);
  q = shopId === undefined ? q : q.where('shopId', '=', shopId);
  const rows = await q
    .orderBy((eb) => eb.case().when('funder', '=', 'platform').then(0).else(1).end())
    .orderBy('claimEndsAt')
    .orderBy('id')
    .limit(100)
    .execute();
  return { items: await toClaimable(db, rows, buyerId, null, now) };
}

/** The coupons of a live room still open for claims, with whether this buyer holds them; 404 for no room. */
export async function liveRoomCoupons(db: Executor, sessionId: number, buyerId: number | null, now: Date) {
  const room = await sessionFacts(db, sessionId);
  if (!room) return undefined;
  const rows = await claimableQuery(db, now)
    .where('liveSessionId', '=', sessionId)
    .orderBy('id')
    .limit(50)
    .execute();
  return { items: await toClaimable(db, rows, buyerId, room.state === 'live', now) };
}
