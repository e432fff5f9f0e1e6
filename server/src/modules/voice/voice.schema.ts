import { Type } from '@sinclair/typebox';
import { Id, Page, Pagination, Timestamp } from '../../platform/schemas.ts';
import { SOURCES } from './ingest.service.ts';
import { TOPICS } from './topic-classifier.rule.ts';
import type { PeriodDays } from './voice-read.service.ts';

const Count = (description: string) => Type.Integer({ minimum: 0, description });
const Day = (description: string) => Type.String({ format: 'date', description });
export const TopicSchema = Type.Union(
  TOPICS.map((t) => Type.Literal(t)),
  { description: 'what the feedback complains about' },
);
export const SourceSchema = Type.Union(
  SOURCES.map((s) => Type.Literal(s)),
  {
    description: 'review, buyer chat message, after-sales request, or complaint (arbitration a buyer opened)',
  },
);

const Days = Type.Unsafe<PeriodDays>({
  type: 'integer',
  enum: [7, 30],
  default: 7,
  description: 'the last 7 or 30 local days (today included), against the same number of days before',
});

export const OverviewQuery = Type.Object({ days: Type.Optional(Days) }, { additionalProperties: false });

const TopicCounts = Type.Object(
  Object.fromEntries(TOPICS.map((t) => [t, Count(`mentions of ${t}`)])) as Record<
    (typeof TOPICS)[number],
    ReturnType<typeof Count>
  >,
);

export const OverviewSchema = Type.Object({
  days: Days,
  from: Day('first local day of the period'),
  to: Day('last local day of the period (today)'),
  previousFrom: Day('first local day of the period before'),
  feedback: Type.Object({
    current: Count('pieces of feedback that named a topic, this period'),
    previous: Count('the same, the period before'),
  }),
  totals: Type.Array(
    Type.Object({
      topic: TopicSchema,
      current: Count('mentions this period'),
      previous: Count('mentions the period before'),
      changeBp: Type.Union([Type.Integer(), Type.Null()], {
        description: 'change against the period before in basis points; null when it had none',
      }),
    }),
  ),
  series: Type.Array(Type.Object({ day: Day('local day'), counts: TopicCounts })),
  sources: Type.Array(Type.Object({ source: SourceSchema, current: Count('pieces this period') })),
  topSkus: Type.Array(
    Type.Object({
      topic: TopicSchema,
      skuId: Id,
      productId: Type.Union([Id, Type.Null()]),
      item: Type.Union([Type.String(), Type.Null()], { description: 'title and spec as bought' }),
      shopId: Id,
      shopName: Type.String(),
      current: Count('mentions this period'),
      previous: Count('mentions the period before'),
    }),
  ),
  topShops: Type.Array(
    Type.Object({
      topic: TopicSchema,
      shopId: Id,
      shopName: Type.String(),
      current: Count('mentions this period'),
      previous: Count('mentions the period before'),
    }),
  ),
});

const filters = {
  topic: Type.Optional(TopicSchema),
  source: Type.Optional(SourceSchema),
  skuId: Type.Optional(Id),
};

export const ShopFeedbackQuery = Type.Composite([Type.Object(filters), Pagination], {
  additionalProperties: false,
});
export const OpsFeedbackQuery = Type.Composite(
  [Type.Object({ ...filters, shopId: Type.Optional(Id) }), Pagination],
  {
    additionalProperties: false,
  },
);

export const FeedbackPage = Page(
  Type.Object({
    id: Id,
    source: SourceSchema,
    shopId: Id,
    shopName: Type.String(),
    orderId: Type.Union([Id, Type.Null()]),
    productId: Type.Union([Id, Type.Null()]),
    skuId: Type.Union([Id, Type.Null()]),
    item: Type.Union([Type.String(), Type.Null()]),
    text: Type.String({ description: 'what the buyer wrote, as written' }),
    reason: Type.Union([Type.String(), Type.Null()], { description: 'after-sales reason code' }),
    rating: Type.Union([Type.Integer({ minimum: 1, maximum: 5 }), Type.Null()]),
    topics: Type.Array(TopicSchema),
    day: Day('local day'),
    at: Timestamp,
  }),
);

export const IngestionSchema = Type.Array(
  Type.Object({
    source: SourceSchema,
    readCount: Count('records read so far'),
    topical: Count('of those, the ones that named a topic'),
    updatedAt: Timestamp,
  }),
);
