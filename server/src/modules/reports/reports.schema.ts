import { type TLiteral, type TUnion, Type } from '@sinclair/typebox';
import { Id, NonEmpty, Page, Pagination, Timestamp } from '../../platform/schemas.ts';
import { VIOLATION_CODES } from '../governance/index.ts';
import { REPORT_EFFECTS, REPORT_REASONS, REPORT_STATES, REPORT_SUBJECT_TYPES } from './report-rules.ts';

const literals = <const T extends readonly string[]>(values: T) =>
  Type.Union(values.map((v) => Type.Literal(v))) as unknown as TUnion<TLiteral<T[number]>[]>;
const Nullable = <T extends ReturnType<typeof Type.String>>(schema: T) => Type.Union([schema, Type.Null()]);
const NullableTime = Type.Unsafe<Date | null>({ type: ['string', 'null'], format: 'date-time' });

const SubjectType = literals(REPORT_SUBJECT_TYPES);
const Reason = literals(REPORT_REASONS);
const State = literals(REPORT_STATES);
const Effect = literals(REPORT_EFFECTS);

export const SubjectRefSchema = Type.Object(
  { type: SubjectType, id: Id },
  { additionalProperties: false, description: 'what is reported' },
);

export const ReasonsSchema = Type.Object({
  items: Type.Array(
    Type.Object({
      subjectType: SubjectType,
      reasons: Type.Array(Reason),
      effects: Type.Array(Effect, { description: 'what upholding a report of this kind can do' }),
      violationCodes: Type.Array(Type.String(), { description: 'codes a violation effect may record' }),
    }),
  ),
});

export const ReportBody = Type.Object(
  {
    subject: SubjectRefSchema,
    reason: Reason,
    text: Type.Optional(Type.String({ maxLength: 500 })),
    evidenceFileIds: Type.Optional(
      Type.Array(Id, {
        maxItems: 9,
        uniqueItems: true,
        description: 'ids of your own uploads (POST /evidence-files)',
      }),
    ),
  },
  { additionalProperties: false },
);

const ReportFields = {
  id: Id,
  subject: Type.Object({ type: SubjectType, id: Id }),
  reason: Reason,
  text: Type.String(),
  evidenceFileIds: Type.Array(Id),
  state: State,
  effect: Type.Union([Effect, Type.Null()]),
  decisionNote: Nullable(Type.String()),
  decidedAt: NullableTime,
  createdAt: Timestamp,
};

export const ReportSchema = Type.Object(ReportFields);

const Place = Type.Union([
  Type.Object({ type: literals(['live_session', 'product'] as const), id: Id, title: Type.String() }),
  Type.Null(),
]);

export const MyReportPage = Page(
  Type.Object({
    ...ReportFields,
    about: Type.Union([
      Type.Object({
        text: Type.String(),
        imageUrl: Nullable(Type.String()),
        rating: Type.Union([Type.Integer(), Type.Null()]),
        place: Place,
        authorName: Nullable(Type.String()),
      }),
      Type.Null(),
    ]),
  }),
);

export const QueueQuery = Type.Object({
  state: Type.Optional(Type.Union([State], { default: 'open' })),
  ...Pagination.properties,
});

const Content = Type.Object({
  type: SubjectType,
  id: Id,
  shopId: Type.Union([Id, Type.Null()]),
  authorId: Type.Union([Id, Type.Null()]),
  authorName: Nullable(Type.String()),
  shown: Type.Boolean(),
  state: Type.String({ description: "the subject's state as its owner keeps it" }),
  text: Type.String(),
  imageUrl: Nullable(Type.String()),
  rating: Type.Union([Type.Integer(), Type.Null()]),
  place: Place,
});

export const ReportQueuePage = Page(
  Type.Object({
    subject: Type.Object({ type: SubjectType, id: Id }),
    content: Type.Union([Content, Type.Null()]),
    shopName: Nullable(Type.String()),
    openedAt: Timestamp,
    reports: Type.Array(
      Type.Object({
        id: Id,
        reporterId: Id,
        reporterName: Type.String(),
        reason: Reason,
        text: Type.String(),
        evidenceFileIds: Type.Array(Id),
        createdAt: Timestamp,
        state: State,
        effect: Type.Union([Effect, Type.Null()]),
        decisionNote: Nullable(Type.String()),
      }),
    ),
    reports7d: Type.Integer({ description: 'reports against this subject in the last 7 days' }),
    shopReports7d: Type.Union([Type.Integer(), Type.Null()], {
      description:
        "reports against the subject's shop in the last 7 days (the trust engine's shop.reports_7d)",
    }),
  }),
);

export const DecisionBody = Type.Object(
  {
    subject: SubjectRefSchema,
    outcome: literals(['uphold', 'dismiss'] as const),
    note: NonEmpty(500),
    effect: Type.Optional(Effect),
    violationCode: Type.Optional(literals(VIOLATION_CODES)),
  },
  { additionalProperties: false },
);

export const DecisionSchema = Type.Object({
  subject: Type.Object({ type: SubjectType, id: Id }),
  state: literals(['upheld', 'dismissed'] as const),
  effect: Type.Union([Effect, Type.Null()]),
  violationId: Type.Union([Id, Type.Null()]),
  reports: Type.Integer({ description: 'open reports the decision closed' }),
});
