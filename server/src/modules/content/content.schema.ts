import { Type } from '@sinclair/typebox';
import { Id, NonEmpty, Page, Pagination, Timestamp } from '../../platform/schemas.ts';

const Nullable = <T extends ReturnType<typeof Type.String> | typeof Id>(schema: T) =>
  Type.Union([schema, Type.Null()]);
const ContentStateSchema = Type.Union(
  [Type.Literal('visible'), Type.Literal('hidden'), Type.Literal('flagged')],
  {
    description:
      'visible: shown to everyone; hidden: blocked, only the author sees it; flagged: held for ops review',
  },
);
const HiddenReason = Type.Union([Type.String(), Type.Null()], {
  description: 'why the content is held back; null when visible',
});
const EvidenceFileIds = Type.Array(Id, {
  maxItems: 9,
  uniqueItems: true,
  description: 'ids of your own uploads (POST /evidence-files)',
});

// ---- live comments ----

export const LiveCommentBody = Type.Object({ text: NonEmpty(200) }, { additionalProperties: false });

export const LiveCommentSchema = Type.Object({
  id: Id,
  sessionId: Id,
  author: Type.Object({ userId: Id, displayName: Type.String() }),
  text: Type.String(),
  state: Type.Union([Type.Literal('visible'), Type.Literal('hidden')]),
  hiddenReason: HiddenReason,
  createdAt: Timestamp,
});

export const LiveCommentsQuery = Type.Object({
  after: Type.Optional(
    Type.Integer({
      minimum: 0,
      maximum: Number.MAX_SAFE_INTEGER,
      description: 'a comment id: only newer ones',
    }),
  ),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 50 })),
});

export const LiveCommentFeed = Type.Object({
  items: Type.Array(LiveCommentSchema, { description: 'oldest first' }),
  next: Type.Union([Id, Type.Integer({ minimum: 0 }), Type.Null()], {
    description: 'pass as `after` to get the comments that follow',
  }),
});

// ---- reviews ----

export const ReviewBody = Type.Object(
  {
    orderLineId: Id,
    rating: Type.Integer({ minimum: 1, maximum: 5 }),
    text: NonEmpty(500),
    evidenceFileIds: Type.Optional(EvidenceFileIds),
  },
  { additionalProperties: false },
);

export const ReviewSchema = Type.Object({
  id: Id,
  orderId: Id,
  orderLineId: Id,
  productId: Id,
  rating: Type.Integer(),
  text: Type.String(),
  evidenceFileIds: Type.Array(Id),
  state: ContentStateSchema,
  hiddenReason: HiddenReason,
  createdAt: Timestamp,
});
export const ReviewPage = Page(ReviewSchema);

export const PublicReviewSchema = Type.Object({
  id: Id,
  productId: Id,
  rating: Type.Integer(),
  text: Type.String(),
  author: Type.Object({ displayName: Type.String() }),
  createdAt: Timestamp,
});
export const PublicReviewPage = Page(PublicReviewSchema);

const ReportReason = Type.Union(
  [
    Type.Literal('extortion'),
    Type.Literal('fake_experience'),
    Type.Literal('competitor'),
    Type.Literal('abusive'),
    Type.Literal('other'),
  ],
  { description: 'extortion (不给钱就差评), fake_experience, competitor, abusive, other' },
);
const ReportState = Type.Union([Type.Literal('open'), Type.Literal('upheld'), Type.Literal('dismissed')]);

export const ShopReviewPage = Page(
  Type.Object({
    id: Id,
    productId: Id,
    productTitle: Type.String(),
    orderId: Id,
    rating: Type.Integer(),
    text: Type.String(),
    author: Type.Object({ displayName: Type.String() }),
    createdAt: Timestamp,
    report: Type.Union([
      Type.Object({ id: Id, reason: ReportReason, state: ReportState, createdAt: Timestamp }),
      Type.Null(),
    ]),
  }),
);

export const ShopReviewQuery = Type.Object({
  ...Pagination.properties,
  maxRating: Type.Optional(
    Type.Integer({ minimum: 1, maximum: 5, description: 'only reviews rated this or lower' }),
  ),
});

export const ReviewReportBody = Type.Object(
  { reason: ReportReason, text: NonEmpty(1000), evidenceFileIds: Type.Optional(EvidenceFileIds) },
  { additionalProperties: false },
);

export const ReviewReportSchema = Type.Object({
  id: Id,
  reviewId: Id,
  shopId: Id,
  reporterId: Id,
  reason: ReportReason,
  text: Type.String(),
  evidenceFileIds: Type.Array(Id),
  state: ReportState,
  decidedBy: Nullable(Id),
  decidedAt: Type.Unsafe<Date | null>({ type: ['string', 'null'], format: 'date-time' }),
  decisionNote: Nullable(Type.String()),
  createdAt: Timestamp,
});

export const ReviewReportQueuePage = Page(
  Type.Intersect([
    ReviewReportSchema,
    Type.Object({
      review: Type.Object({
        rating: Type.Integer(),
        text: Type.String(),
        state: ContentStateSchema,
        buyerId: Id,
        productId: Id,
      }),
    }),
  ]),
);

export const ReviewReportQuery = Type.Object({
  state: Type.Optional(
    Type.Union([Type.Literal('open'), Type.Literal('upheld'), Type.Literal('dismissed')], {
      default: 'open',
    }),
  ),
  ...Pagination.properties,
});

export const ReviewReportDecisionBody = Type.Object(
  { uphold: Type.Boolean({ description: 'true hides the review' }), note: NonEmpty(500) },
  { additionalProperties: false },
);

// ---- short videos ----

export const VideoBody = Type.Object(
  {
    caption: NonEmpty(300),
    videoUrl: Type.Optional(
      Type.String({ format: 'uri', pattern: '^https://', maxLength: 2000, description: 'an https URL' }),
    ),
    productId: Type.Optional(Id),
    shopId: Type.Optional(
      Type.Integer({
        minimum: 1,
        maximum: Number.MAX_SAFE_INTEGER,
        description: 'merchants: the shop posting (required); creators: omit',
      }),
    ),
  },
  { additionalProperties: false },
);

export const VideoSchema = Type.Object({
  id: Id,
  authorId: Id,
  shopId: Nullable(Id),
  productId: Nullable(Id),
  caption: Type.String(),
  videoUrl: Nullable(Type.String()),
  state: ContentStateSchema,
  hiddenReason: HiddenReason,
  createdAt: Timestamp,
});
