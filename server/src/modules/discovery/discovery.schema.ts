import { type TSchema, Type } from '@sinclair/typebox';
import { Fen, Id, Timestamp } from '../../platform/schemas.ts';

const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);

export const RankPartSchema = Type.Object({
  signal: Type.Union(
    [
      'relevance',
      'sales',
      'rating',
      'completeness',
      'score',
      'badge',
      'quality_refund',
      'repeat',
      'traffic_limit',
      'new_merchant',
      'boost',
      'viewers',
      'likes',
      'live_sales',
    ].map((s) => Type.Literal(s)),
  ),
  value: Type.Union([Type.Number(), Type.Boolean(), Type.Null()]),
  factor: Type.Number({ description: 'what this signal multiplied the rank by' }),
});

export const RankSchema = Type.Object(
  {
    score: Type.Number({ description: 'the product of the parts’ factors' }),
    parts: Type.Array(RankPartSchema),
  },
  { description: 'why this position (product rules §7.4)' },
);

const rankedPage = <T extends TSchema>(item: T) =>
  Type.Object({
    requestId: Type.String({ format: 'uuid', description: 'report clicks with it (POST /discovery/clicks)' }),
    surface: Type.Union([
      Type.Literal('search'),
      Type.Literal('home'),
      Type.Literal('live'),
      Type.Literal('shop'),
    ]),
    configVersion: Type.Integer({ description: 'the configuration version whose ranking weights apply' }),
    items: Type.Array(item),
    total: Nullable(Type.Integer({ description: 'every match; null on the home feed (not counted)' })),
    hasMore: Type.Boolean(),
    limit: Type.Integer(),
    offset: Type.Integer(),
  });

const trustColumns = {
  trustBadge: Type.Boolean({ description: '信任购 shop' }),
  scoreBand: Type.String({ description: 'the shop’s experience-score band' }),
  position: Type.Integer({ minimum: 1 }),
  rank: RankSchema,
};

export const RankedProductSchema = Type.Object({
  id: Id,
  shopId: Id,
  title: Type.String(),
  imageUrl: Nullable(Type.String()),
  minPriceFen: Fen,
  guarantees: Type.Array(Type.String()),
  recentUnits: Type.Integer({ description: 'units sold in the last 30 days' }),
  rating: Nullable(Type.Number({ description: 'average stars, null without reviews' })),
  ratingCount: Type.Integer(),
  ...trustColumns,
});

export const RankedProductPage = rankedPage(RankedProductSchema);

export const RankedRoomSchema = Type.Object({
  id: Id,
  title: Type.String(),
  state: Type.String(),
  scheduledAt: Timestamp,
  startedAt: Nullable(Timestamp),
  endedAt: Nullable(Timestamp),
  endReason: Nullable(Type.String()),
  streamUrl: Nullable(Type.String()),
  host: Type.Object({ userId: Id, displayName: Type.String() }),
  shop: Nullable(Type.Object({ id: Id, name: Type.String() })),
  pinnedCount: Type.Integer(),
  viewers: Type.Integer(),
  likes: Type.Integer(),
  ...trustColumns,
});

export const RankedRoomPage = rankedPage(RankedRoomSchema);

const page = {
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 50, default: 20 })),
  offset: Type.Optional(Type.Integer({ minimum: 0, maximum: 1_000, default: 0 })),
};

export const ProductQuerySchema = Type.Object({
  q: Type.Optional(Type.String({ maxLength: 100 })),
  sort: Type.Optional(
    Type.Union(
      [Type.Literal('ranked'), Type.Literal('sales'), Type.Literal('price_asc'), Type.Literal('price_desc')],
      {
        description: '综合 (ranked, default) / 销量 (sales in 30 days) / 价格 (price_asc, price_desc)',
      },
    ),
  ),
  categoryId: Type.Optional(Id),
  shopId: Type.Optional(Id),
  minPriceFen: Type.Optional(Fen),
  maxPriceFen: Type.Optional(Fen),
  trustedOnly: Type.Optional(Type.Boolean({ description: '信任购 shops only' })),
  guarantees: Type.Optional(
    Type.String({
      maxLength: 200,
      pattern: '^[a-z0-9_]+(,[a-z0-9_]+)*$',
      description: 'comma-separated guarantee codes every result carries',
    }),
  ),
  ...page,
});

export const LiveQuerySchema = Type.Object(page);

export const ClickBody = Type.Object({
  requestId: Type.String({ format: 'uuid' }),
  position: Type.Integer({ minimum: 1, maximum: 1_050 }),
});

export const ClickResult = Type.Object({ recorded: Type.Literal(true) });

export const ReportQuery = Type.Object({
  from: Type.String({ format: 'date-time' }),
  to: Type.String({ format: 'date-time' }),
});

export const ReportSchema = Type.Object({
  from: Timestamp,
  to: Timestamp,
  conversionHours: Type.Integer(),
  rows: Type.Array(
    Type.Object({
      dimension: Type.Union(
        ['position', 'badge', 'band', 'boosted', 'traffic_limited', 'surface'].map((d) => Type.Literal(d)),
      ),
      bucket: Type.String(),
      impressions: Type.Integer(),
      clicks: Type.Integer(),
      conversions: Type.Integer(),
      ctrBp: Type.Integer(),
      conversionBp: Type.Integer(),
    }),
  ),
});

export const RefreshResult = Type.Object({ ranked: Type.Integer({ description: 'products ranked' }) });
