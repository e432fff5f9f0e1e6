import { Type } from '@sinclair/typebox';
import {
  Fen,
  Id,
  IdempotencyHeaders,
  NonEmpty,
  Page,
  Pagination,
  Timestamp,
} from '../../platform/schemas.ts';

const NullableTimestamp = Type.Unsafe<Date | null>({ type: ['string', 'null'], format: 'date-time' });
const When = (description: string) =>
  Type.String({ format: 'date-time', description: `ISO 8601 with zone; ${description}` });

export const CouponKindSchema = Type.Union(
  [Type.Literal('threshold'), Type.Literal('percent'), Type.Literal('no_threshold')],
  {
    description:
      'threshold: 满减 (discountFen off from thresholdFen); percent: percentBp off, capped by capFen; no_threshold: discountFen off any order',
  },
);
const FunderSchema = Type.Union([Type.Literal('platform'), Type.Literal('shop')]);
const CampaignStateSchema = Type.Union([
  Type.Literal('scheduled'),
  Type.Literal('active'),
  Type.Literal('stopped'),
]);
const BuyerCouponStateSchema = Type.Union([
  Type.Literal('available'),
  Type.Literal('used'),
  Type.Literal('expired'),
]);

const terms = {
  title: NonEmpty(30, { description: 'shown on the coupon, e.g. 满100减10' }),
  kind: CouponKindSchema,
  thresholdFen: Type.Optional(
    Type.Integer({
      minimum: 0,
      maximum: 100_000_000,
      description:
        'the items amount from which the coupon applies (threshold: required, above discountFen; no_threshold: 0)',
    }),
  ),
  discountFen: Type.Optional(
    Type.Integer({
      minimum: 1,
      maximum: 10_000_000,
      description: 'threshold / no_threshold: the amount off',
    }),
  ),
  percentBp: Type.Optional(
    Type.Integer({
      minimum: 100,
      maximum: 9_900,
      description: 'percent: the share off in basis points (1,000 = 10% off, 9折)',
    }),
  ),
  capFen: Type.Optional(
    Type.Integer({ minimum: 1, maximum: 10_000_000, description: 'percent: the most it takes off' }),
  ),
  validDays: Type.Integer({
    minimum: 1,
    maximum: 365,
    description: 'a claimed coupon is usable for this many days (and never after useEndsAt)',
  }),
  useEndsAt: Type.Optional(When('no coupon is usable after this; not before claimEndsAt')),
  perBuyerLimit: Type.Integer({ minimum: 1, maximum: 10, description: 'coupons one buyer may claim' }),
  issueCap: Type.Integer({ minimum: 1, maximum: 10_000_000, description: 'coupons issued in all, at most' }),
};

export const CampaignBody = Type.Object(
  {
    ...terms,
    claimStartsAt: When('claims open'),
    claimEndsAt: When('claims close; after claimStartsAt and in the future'),
  },
  { additionalProperties: false },
);

export const LiveCampaignBody = Type.Object(
  {
    ...terms,
    claimEndsAt: Type.Optional(
      When('claims close (default: 24 hours from now); claims also need the room live'),
    ),
  },
  { additionalProperties: false },
);

export const CampaignSchema = Type.Object({
  id: Id,
  funder: FunderSchema,
  shopId: Type.Union([Id, Type.Null()]),
  liveSessionId: Type.Union([Id, Type.Null()], {
    description: 'a live-room coupon: claimable only while this room is live',
  }),
  title: Type.String(),
  kind: CouponKindSchema,
  thresholdFen: Fen,
  discountFen: Fen,
  percentBp: Type.Integer(),
  capFen: Type.Union([Fen, Type.Null()]),
  claimStartsAt: Timestamp,
  claimEndsAt: Timestamp,
  validDays: Type.Integer(),
  useEndsAt: NullableTimestamp,
  perBuyerLimit: Type.Integer(),
  issueCap: Type.Integer(),
  issued: Type.Integer({ minimum: 0 }),
  used: Type.Integer({ minimum: 0, description: 'claimed coupons used by an order now' }),
  state: CampaignStateSchema,
  createdAt: Timestamp,
  stoppedAt: NullableTimestamp,
});
export const CampaignPage = Page(CampaignSchema);

export const ClaimableSchema = Type.Object({
  campaignId: Id,
  funder: FunderSchema,
  shop: Type.Union([Type.Object({ id: Id, name: Type.String() }), Type.Null()]),
  liveSessionId: Type.Union([Id, Type.Null()]),
  title: Type.String(),
  kind: CouponKindSchema,
  thresholdFen: Fen,
  discountFen: Fen,
  percentBp: Type.Integer(),
  capFen: Type.Union([Fen, Type.Null()]),
  claimStartsAt: Timestamp,
  claimEndsAt: Timestamp,
  validDays: Type.Integer(),
  useEndsAt: NullableTimestamp,
  perBuyerLimit: Type.Integer(),
  remaining: Type.Integer({ minimum: 0, description: 'coupons left to claim' }),
  claimed: Type.Integer({
    minimum: 0,
    description: 'how many the signed-in buyer holds (0 when signed out)',
  }),
  refusal: Type.Union([Type.String(), Type.Null()], {
    description:
      'why the buyer cannot claim now (an error code: coupon_claim_limit, coupon_sold_out, coupon_not_started, live_not_live …); null: claimable',
  }),
});
export const ClaimableList = Type.Object({ items: Type.Array(ClaimableSchema) });

export const BuyerCouponSchema = Type.Object({
  id: Id,
  campaignId: Id,
  funder: FunderSchema,
  shop: Type.Union([Type.Object({ id: Id, name: Type.String() }), Type.Null()]),
  liveSessionId: Type.Union([Id, Type.Null()]),
  title: Type.String(),
  kind: CouponKindSchema,
  thresholdFen: Fen,
  discountFen: Fen,
  percentBp: Type.Integer(),
  capFen: Type.Union([Fen, Type.Null()]),
  state: BuyerCouponStateSchema,
  orderId: Type.Union([Id, Type.Null()]),
  claimedAt: Timestamp,
  expiresAt: Timestamp,
  usedAt: NullableTimestamp,
});
export const BuyerCouponPage = Page(BuyerCouponSchema);

export const ShopCampaignParams = Type.Object({ id: Id, couponId: Id });
export const CampaignIdParams = Type.Object({ campaignId: Id });
export const ClaimHeaders = IdempotencyHeaders;
export const EmptyBody = Type.Object({}, { additionalProperties: false });

export const CampaignListQuery = Type.Object({
  state: Type.Optional(CampaignStateSchema),
  ...Pagination.properties,
});
export const CentreQuery = Type.Object({
  shopId: Type.Optional(Id),
});
export const MyCouponsQuery = Type.Object({
  state: Type.Optional(BuyerCouponStateSchema),
  ...Pagination.properties,
});
