import { type TSchema, Type } from '@sinclair/typebox';
import type { EventDefinition } from '../../platform/outbox.ts';
import { Id, Timestamp } from '../../platform/schemas.ts';

const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);

/** Coupon events (migration 0111): a trigger on `buyer_coupons`. */
export const promotionEvents: EventDefinition[] = [
  {
    type: 'coupon.claimed',
    version: 1,
    resource: 'coupon',
    shopScoped: true,
    summary: 'A coupon was claimed',
    description:
      "Written when a buyer claims a coupon of a campaign (couponId is the campaign; claimNo counts this buyer's claims of it), or the platform grants one; the buyer is not named. A platform campaign's claims are platform events.",
    schema: Type.Object(
      {
        couponId: Id,
        buyerCouponId: Id,
        claimNo: Type.Integer({ minimum: 1 }),
        liveSessionId: Nullable(Id),
        claimedAt: Timestamp,
        expiresAt: Timestamp,
      },
      { additionalProperties: false },
    ),
  },
];
