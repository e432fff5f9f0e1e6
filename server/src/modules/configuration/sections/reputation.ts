import { type Static, Type } from '@sinclair/typebox';

/**
 * The experience score's metrics (DOMAIN.md §7). Rates are basis points (100 = 1%) of the window's
 * completed orders (quality refunds, complaints, arbitrations lost), of its reviews (negative
 * reviews) or of its shipments (pickup in time); times are hours (medians). Customer service (§8.3):
 * the 3-minute response rate (bp of counted sessions), the average first response (seconds) and the
 * good-rating rate (bp of rated sessions); a shop without chat sessions in the window is not scored on them.
 */
export const REPUTATION_METRICS = [
  'quality_refund_rate',
  'negative_review_rate',
  'quality_complaint_rate',
  'pickup_in_time_rate',
  'delivery_hours',
  'logistics_complaint_rate',
  'merchant_response_hours',
  'refund_hours',
  'arbitration_lost_rate',
  'chat_response_3m_rate',
  'chat_first_response_seconds',
  'chat_good_rating_rate',
] as const;
export type ReputationMetric = (typeof REPUTATION_METRICS)[number];

export const REPUTATION_DIMENSIONS = ['product', 'logistics', 'service'] as const;
export type ReputationDimension = (typeof REPUTATION_DIMENSIONS)[number];

const CurvePoint = Type.Object(
  {
    value: Type.Number({
      minimum: 0,
      maximum: 1_000_000,
      description: 'the metric value (bp, hours, or seconds for chat first response)',
    }),
    score: Type.Number({ minimum: 0, maximum: 5, description: 'the sub-score 0–5 at that value' }),
  },
  { additionalProperties: false },
);

const MetricDefinition = Type.Object(
  {
    metric: Type.Union(
      REPUTATION_METRICS.map((m) => Type.Literal(m)),
      { description: 'which metric' },
    ),
    weight: Type.Integer({ minimum: 1, maximum: 100, description: 'weight within its dimension (relative)' }),
    curve: Type.Array(CurvePoint, {
      minItems: 2,
      maxItems: 8,
      description:
        'points (value → sub-score); between two points the sub-score is linear, beyond the ends it stays at the end’s score',
    }),
  },
  { additionalProperties: false },
);

const Metrics = Type.Array(MetricDefinition, { minItems: 1, maxItems: 6 });

/** product rules §7 experience score. Key prefix `reputation.`. */
export const ReputationSchema = Type.Object(
  {
    windowDays: Type.Integer({ minimum: 7, maximum: 180, description: 'the score covers this many days' }),
    minCompletedOrders: Type.Integer({
      minimum: 1,
      maximum: 10_000,
      description: 'fewer completed orders in the window: "not enough orders", no score',
    }),
    weights: Type.Object(
      {
        product: Type.Integer({ minimum: 1, maximum: 100, description: 'weight of the product dimension' }),
        logistics: Type.Integer({
          minimum: 1,
          maximum: 100,
          description: 'weight of the logistics dimension',
        }),
        service: Type.Integer({ minimum: 1, maximum: 100, description: 'weight of the service dimension' }),
      },
      { additionalProperties: false },
    ),
    metrics: Type.Object(
      { product: Metrics, logistics: Metrics, service: Metrics },
      { additionalProperties: false },
    ),
    adviceCount: Type.Integer({
      minimum: 1,
      maximum: 9,
      description: 'the score names at most this many metrics that pulled it down',
    }),
    recomputeCooldownMinutes: Type.Integer({
      minimum: 1,
      maximum: 1_440,
      description: 'a merchant may ask for a recompute once per this many minutes',
    }),
  },
  { additionalProperties: false },
);

export type ReputationConfig = Static<typeof ReputationSchema>;
export type ReputationMetricDefinition = Static<typeof MetricDefinition>;

const curve = (...points: [number, number][]) => points.map(([value, score]) => ({ value, score }));

export const defaultReputation: ReputationConfig = {
  windowDays: 30,
  minCompletedOrders: 30,
  weights: { product: 40, logistics: 30, service: 30 },
  metrics: {
    product: [
      {
        metric: 'quality_refund_rate',
        weight: 50,
        curve: curve([0, 5], [50, 4.8], [200, 4], [500, 2.5], [1_500, 0]),
      },
      {
        metric: 'negative_review_rate',
        weight: 30,
        curve: curve([0, 5], [200, 4.8], [500, 4.2], [1_500, 2], [3_000, 0]),
      },
      {
        metric: 'quality_complaint_rate',
        weight: 20,
        curve: curve([0, 5], [30, 4.8], [100, 4], [500, 0]),
      },
    ],
    logistics: [
      {
        metric: 'pickup_in_time_rate',
        weight: 40,
        curve: curve([7_000, 0], [9_000, 3.5], [9_500, 4.3], [9_800, 4.8], [10_000, 5]),
      },
      {
        metric: 'delivery_hours',
        weight: 35,
        curve: curve([48, 5], [72, 4.6], [96, 4], [168, 2], [336, 0]),
      },
      {
        metric: 'logistics_complaint_rate',
        weight: 25,
        curve: curve([0, 5], [50, 4.8], [200, 4], [800, 0]),
      },
    ],
    service: [
      {
        metric: 'merchant_response_hours',
        weight: 35,
        curve: curve([4, 5], [12, 4.7], [24, 4.2], [48, 3], [96, 0]),
      },
      {
        metric: 'refund_hours',
        weight: 35,
        curve: curve([12, 5], [24, 4.8], [48, 4.2], [96, 3], [240, 0]),
      },
      {
        metric: 'arbitration_lost_rate',
        weight: 30,
        curve: curve([0, 5], [10, 4.8], [50, 4], [200, 0]),
      },
      // §8.3 targets: ≥ 85% within 3 minutes, < 46.8 s, ≥ 82% good; at the target a metric scores 4.5.
      {
        metric: 'chat_response_3m_rate',
        weight: 15,
        curve: curve([5_000, 0], [7_000, 3], [8_500, 4.5], [9_500, 5]),
      },
      {
        metric: 'chat_first_response_seconds',
        weight: 10,
        curve: curve([20, 5], [46.8, 4.5], [120, 3], [600, 0]),
      },
      {
        metric: 'chat_good_rating_rate',
        weight: 15,
        curve: curve([5_000, 0], [7_000, 3], [8_200, 4.5], [9_500, 5]),
      },
    ],
  },
  adviceCount: 3,
  recomputeCooldownMinutes: 10,
};
