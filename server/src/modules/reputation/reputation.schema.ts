import { type TSchema, Type } from '@sinclair/typebox';
import { Id, Timestamp } from '../../platform/schemas.ts';
import { REPUTATION_DIMENSIONS, REPUTATION_METRICS } from '../configuration/index.ts';

const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);
const Score = Type.Number({ minimum: 0, maximum: 5, description: '0–5, two decimals' });
const Metric = Type.Union(REPUTATION_METRICS.map((m) => Type.Literal(m)));
const Dimension = Type.Union(REPUTATION_DIMENSIONS.map((d) => Type.Literal(d)));

export const BandSchema = Type.Union(
  [
    Type.Literal('excellent'),
    Type.Literal('good'),
    Type.Literal('fair'),
    Type.Literal('poor'),
    Type.Literal('not_enough_orders'),
  ],
  { description: 'excellent ≥ 4.7, good ≥ 4.5, fair ≥ 4.0, poor < 4.0; not_enough_orders: no score' },
);

const MetricResult = Type.Object({
  metric: Metric,
  dimension: Dimension,
  value: Nullable(
    Type.Number({ description: 'rates in basis points, times in hours; null: nothing to measure' }),
  ),
  subScore: Nullable(Score),
});
const DimensionResult = Type.Object({ dimension: Dimension, score: Nullable(Score) });
const Drag = Type.Object({
  metric: Metric,
  dimension: Dimension,
  value: Type.Number(),
  subScore: Score,
  lostPoints: Type.Number({ description: 'points of the whole score this metric cost against full marks' }),
  advice: Type.String({ description: 'how to fix it: a code the apps word' }),
});
const Inputs = Type.Object(
  {
    from: Type.String({ format: 'date-time' }),
    to: Type.String({ format: 'date-time' }),
    completedOrders: Type.Integer(),
    buyers: Type.Integer(),
    qualityRefunds: Type.Integer(),
    qualityComplaints: Type.Integer(),
    logisticsComplaints: Type.Integer(),
    excludedHighRefund: Type.Integer({ description: 'requests of buyers labelled high-refund, not counted' }),
    excludedFreightAbuse: Type.Integer({ description: 'freight-abuse returns, not counted' }),
    medianMerchantResponseMs: Nullable(Type.Number()),
    medianRefundMs: Nullable(Type.Number()),
    arbitrations: Type.Integer(),
    arbitrationsLost: Type.Integer(),
    shipped: Type.Integer(),
    pickedUpInTime: Type.Integer(),
    medianDeliveryMs: Nullable(Type.Number()),
    reviews: Type.Integer(),
    negativeReviews: Type.Integer(),
    // Customer service (§8.3); absent from scores computed before it existed.
    chatCounted: Type.Optional(
      Type.Integer({ description: 'chat sessions counted for the response metrics' }),
    ),
    chatAnsweredIn3m: Type.Optional(Type.Integer()),
    chatAnswered: Type.Optional(Type.Integer()),
    chatFirstResponseMsSum: Type.Optional(Type.Number()),
    chatRated: Type.Optional(Type.Integer()),
    chatGood: Type.Optional(Type.Integer()),
  },
  { description: 'the facts of the window the score was computed from' },
);

export const ReputationSchema = Type.Object({
  shopId: Id,
  shopName: Type.String(),
  day: Nullable(Type.String({ description: 'the platform day of the score, YYYY-MM-DD' })),
  score: Nullable(Score),
  band: BandSchema,
  completedOrders: Type.Integer(),
  minCompletedOrders: Nullable(Type.Integer({ description: 'completed orders a score needs' })),
  dims: Type.Array(DimensionResult),
  metrics: Type.Array(MetricResult),
  drags: Type.Array(Drag, { description: 'what pulled the score down, largest loss first, with advice' }),
  inputs: Nullable(Inputs),
  configVersion: Nullable(Type.Integer()),
  computedAt: Nullable(Timestamp),
  requestedAt: Nullable(Timestamp),
});

export const HistoryQuery = Type.Object({
  days: Type.Optional(
    Type.Integer({ minimum: 1, maximum: 366, default: 30, description: 'the last this many days' }),
  ),
});

export const HistorySchema = Type.Object({
  shopId: Id,
  days: Type.Integer(),
  items: Type.Array(
    Type.Object({
      day: Type.String(),
      score: Nullable(Score),
      band: BandSchema,
      completedOrders: Type.Integer(),
      dims: Type.Array(DimensionResult),
      drags: Type.Array(Drag),
      configVersion: Type.Integer(),
      computedAt: Timestamp,
    }),
  ),
});

export const ShopScoresQuery = Type.Object({
  band: Type.Optional(BandSchema),
  sort: Type.Optional(
    Type.Union([Type.Literal('score_desc'), Type.Literal('score_asc'), Type.Literal('orders_desc')], {
      default: 'score_desc',
    }),
  ),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
  offset: Type.Optional(Type.Integer({ minimum: 0, maximum: 100_000, default: 0 })),
});

export const ShopScoresPage = Type.Object({
  items: Type.Array(
    Type.Object({
      shopId: Id,
      shopName: Type.String(),
      score: Nullable(Score),
      band: BandSchema,
      completedOrders: Type.Integer(),
      qualityRefundRateBp: Type.Integer(),
      drags: Type.Array(Drag),
      configVersion: Type.Integer(),
      computedAt: Timestamp,
    }),
  ),
  total: Type.Integer(),
  limit: Type.Integer(),
  offset: Type.Integer(),
});

/** 重新计算 takes no input: an empty JSON object. */
export const EmptyBody = Type.Object({}, { additionalProperties: false });
