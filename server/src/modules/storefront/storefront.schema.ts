import { Type } from '@sinclair/typebox';
import { Id, Timestamp } from '../../platform/schemas.ts';

const NullableInt = (description: string, min: number, max: number) =>
  Type.Union([Type.Integer({ minimum: min, maximum: max }), Type.Null()], { description });

export const RatingSchema = Type.Object({
  reviews: Type.Integer({ minimum: 0, description: 'visible reviews' }),
  average: Type.Union([Type.Number({ minimum: 1, maximum: 5 }), Type.Null()], {
    description: 'average stars, one decimal rounded half up; null without reviews',
  }),
  goodRateBp: NullableInt('share of 4–5 star reviews, basis points; null without reviews', 0, 10_000),
});

export const ShopReputationSchema = Type.Object({
  rating: RatingSchema,
  band: Type.Union(
    ['excellent', 'good', 'fair', 'poor', 'not_enough_orders'].map((b) => Type.Literal(b)),
    { description: 'the experience score’s band (not_enough_orders below 30 completed orders in 30 days)' },
  ),
  trustBadge: Type.Boolean({ description: '信任购 shop' }),
});

export const StorefrontSchema = Type.Object({
  shop: Type.Object({ id: Id, name: Type.String(), description: Type.String(), openedAt: Timestamp }),
  reputation: ShopReputationSchema,
  followerCount: Type.Integer({ minimum: 0 }),
  liveNow: Type.Union([Type.Object({ sessionId: Id, viewers: Type.Integer({ minimum: 0 }) }), Type.Null()]),
});

export const ProductReputationSchema = Type.Object({
  productId: Id,
  rating: RatingSchema,
  shop: Type.Composite([Type.Object({ id: Id, name: Type.String() }), ShopReputationSchema]),
});

export const ShopIdsQuery = Type.Object({
  ids: Type.String({
    pattern: '^[1-9][0-9]{0,15}(,[1-9][0-9]{0,15}){0,49}$',
    description: 'comma-separated shop ids, at most 50',
  }),
});

export const ShopReputationList = Type.Object({
  items: Type.Array(Type.Composite([Type.Object({ shopId: Id }), ShopReputationSchema])),
});
