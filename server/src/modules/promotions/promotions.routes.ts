import type { AppContext } from '../../platform/context.ts';
import { notFound } from '../../platform/errors.ts';
import type { App } from '../../platform/http.ts';
import { errorBodySchema } from '../../platform/http.ts';
import { idempotencyNote, sendOutcome } from '../../platform/idempotent-http.ts';
import { type AnyRouteSpec, registerRoutes, route } from '../../platform/route-spec.ts';
import { IdParams } from '../../platform/schemas.ts';
import {
  type CampaignInput,
  createLiveCampaign,
  createPlatformCampaign,
  createShopCampaign,
  listPlatformCampaigns,
  listShopCampaigns,
  stopPlatformCampaign,
  stopShopCampaign,
} from './campaigns.service.ts';
import { claimCoupon } from './claim.service.ts';
import { couponCentre, liveRoomCoupons, myCoupons } from './coupons-read.service.ts';
import {
  BuyerCouponPage,
  BuyerCouponSchema,
  CampaignBody,
  CampaignIdParams,
  CampaignListQuery,
  CampaignPage,
  CampaignSchema,
  CentreQuery,
  ClaimableList,
  ClaimHeaders,
  EmptyBody,
  LiveCampaignBody,
  MyCouponsQuery,
  ShopCampaignParams,
} from './promotions.schema.ts';

const merchant = { kinds: ['merchant'] } as const;
const hosts = { kinds: ['creator', 'merchant'] } as const;
const buyer = { kinds: ['buyer'] } as const;
const marketing = { ops: ['rule_admin'] } as const;

type Body = Omit<CampaignInput, 'claimStartsAt' | 'claimEndsAt' | 'useEndsAt'> & {
  claimStartsAt: string;
  claimEndsAt: string;
  useEndsAt?: string | undefined;
};

const campaignInput = ({ claimStartsAt, claimEndsAt, useEndsAt, ...rest }: Body): CampaignInput => ({
  ...rest,
  claimStartsAt: new Date(claimStartsAt),
  claimEndsAt: new Date(claimEndsAt),
  useEndsAt: useEndsAt === undefined ? undefined : new Date(useEndsAt),
});

const termsNote =
  'Terms are checked together, each problem a 400 naming its field: a threshold coupon takes less than its threshold; percent coupons take percentBp off with an optional cap; no-threshold coupons have no threshold; claims close in the future; a coupon is usable from its claim until min(claim + validDays, useEndsAt).';
const stopNote =
  'Stopping ends further claims for good; coupons already claimed stay usable until they expire.';

export async function promotionsRoutes(app: App, ctx: AppContext) {
  registerRoutes(app, ['promotions'], promotionsRouteTable(ctx));
}

/** Coupons (product rules §9): merchants' and ops' campaigns, live-room coupons, the buyer's claims. */
function promotionsRouteTable({ db, clock }: AppContext): AnyRouteSpec[] {
  return [
    route({
      method: 'GET',
      url: '/shops/:id/coupons',
      access: merchant,
      summary: "A shop's coupons (live-room ones included), newest first, with issued and used counts",
      params: IdParams,
      querystring: CampaignListQuery,
      response: { 200: CampaignPage },
      handler: async ({ principal, params, query: { state, limit = 20, offset = 0 } }) =>
        listShopCampaigns(db, principal, params.id, { state, limit, offset }),
    }),
    route({
      method: 'POST',
      url: '/shops/:id/coupons',
      access: merchant,
      summary: 'Create a shop coupon (merchant-funded)',
      description: termsNote,
      params: IdParams,
      body: CampaignBody,
      response: { 201: CampaignSchema },
      status: 201,
      handler: async ({ principal, params, body }) =>
        createShopCampaign(db, principal, params.id, campaignInput(body), clock.now()),
    }),
    route({
      method: 'POST',
      url: '/shops/:id/coupons/:couponId/stop',
      access: merchant,
      summary: 'Stop a shop coupon',
      description: stopNote,
      params: ShopCampaignParams,
      body: EmptyBody,
      response: { 200: CampaignSchema },
      handler: async ({ principal, params }) =>
        stopShopCampaign(db, principal, params.id, params.couponId, clock.now()),
    }),
    route({
      method: 'POST',
      url: '/live/sessions/:id/coupons',
      access: hosts,
      summary: "Issue a live-room coupon: a coupon of the room's shop, claimable only while the room is live",
      description: `The host or a member of the room's shop, while the room is scheduled or live; claims open now and close at claimEndsAt (default 24 hours). Viewers get an \`offers\` event. ${termsNote}`,
      params: IdParams,
      body: LiveCampaignBody,
      response: { 201: CampaignSchema },
      status: 201,
      handler: async ({ principal, params, body: { claimEndsAt, useEndsAt, ...rest } }) =>
        createLiveCampaign(
          db,
          principal,
          params.id,
          {
            ...rest,
            claimEndsAt: claimEndsAt === undefined ? undefined : new Date(claimEndsAt),
            useEndsAt: useEndsAt === undefined ? undefined : new Date(useEndsAt),
          },
          clock.now(),
        ),
    }),
    route({
      method: 'GET',
      url: '/live/sessions/:id/coupons',
      access: 'public',
      summary: "A live room's coupons open for claims, with how many the signed-in buyer holds",
      description:
        '`refusal` says why one cannot be claimed now (live_not_live while the room is not on air).',
      params: IdParams,
      response: { 200: ClaimableList, 404: errorBodySchema },
      handler: async ({ principal, params }) => {
        const answer = await liveRoomCoupons(db, params.id, principal?.userId ?? null, clock.now());
        if (!answer) throw notFound('live session', params.id);
        return answer;
      },
    }),
    route({
      method: 'GET',
      url: '/ops/coupons',
      access: marketing,
      summary: 'Platform coupons (platform-funded), newest first, with issued and used counts',
      querystring: CampaignListQuery,
      response: { 200: CampaignPage },
      handler: async ({ query: { state, limit = 20, offset = 0 } }) =>
        listPlatformCampaigns(db, { state, limit, offset }),
    }),
    route({
      method: 'POST',
      url: '/ops/coupons',
      access: marketing,
      summary: 'Create a platform coupon (the platform subsidy pays its discounts)',
      description: termsNote,
      body: CampaignBody,
      response: { 201: CampaignSchema },
      status: 201,
      handler: async ({ principal, body }) =>
        createPlatformCampaign(db, principal, campaignInput(body), clock.now()),
    }),
    route({
      method: 'POST',
      url: '/ops/coupons/:id/stop',
      access: marketing,
      summary: 'Stop a platform coupon',
      description: stopNote,
      params: IdParams,
      body: EmptyBody,
      response: { 200: CampaignSchema },
      handler: async ({ params }) => stopPlatformCampaign(db, params.id, clock.now()),
    }),
    route({
      method: 'GET',
      url: '/coupons',
      access: 'public',
      summary: '领券中心: platform and shop coupons open for claims (or about to open)',
      description:
        'Live-room coupons are claimed in their room. With a signed-in buyer, `claimed` and `refusal` are theirs.',
      querystring: CentreQuery,
      response: { 200: ClaimableList },
      handler: async ({ principal, query }) =>
        couponCentre(db, principal?.userId ?? null, query.shopId, clock.now()),
    }),
    route({
      method: 'POST',
      url: '/coupons/:campaignId/claim',
      access: buyer,
      summary: 'Claim a coupon',
      description: `Refused with 409 coupon_not_started, coupon_expired (claims closed), coupon_unavailable (stopped), live_not_live (a live-room coupon while the room is not on air), coupon_claim_limit (the buyer holds the most allowed) or coupon_sold_out. ${idempotencyNote}`,
      params: CampaignIdParams,
      headers: ClaimHeaders,
      body: EmptyBody,
      response: { 201: BuyerCouponSchema, 404: errorBodySchema, 409: errorBodySchema, 422: errorBodySchema },
      handler: async ({ principal, params, headers }, reply) =>
        sendOutcome(
          reply,
          await claimCoupon(db, principal, params.campaignId, headers['idempotency-key'], clock.now()),
        ),
    }),
    route({
      method: 'GET',
      url: '/me/coupons',
      access: buyer,
      summary: '我的优惠券: the buyer’s coupons by state (available: soonest expiry first)',
      description: 'An available coupon past its expiry is listed as expired.',
      querystring: MyCouponsQuery,
      response: { 200: BuyerCouponPage },
      handler: async ({ principal, query: { state = 'available', limit = 20, offset = 0 } }) =>
        myCoupons(db, principal.userId, { state, limit, offset }, clock.now()),
    }),
  ];
}
