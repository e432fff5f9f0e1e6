import { Type } from '@sinclair/typebox';
import { Id, NonEmpty, Page, Pagination, Timestamp } from '../../platform/schemas.ts';

const NullableTimestamp = Type.Unsafe<Date | null>({ type: ['string', 'null'], format: 'date-time' });
const NullableId = Type.Union([Id, Type.Null()]);
const NullableText = Type.Union([Type.String(), Type.Null()]);
const Evidence = Type.Array(Id, {
  minItems: 1,
  maxItems: 9,
  uniqueItems: true,
  description: 'ids of your own uploads (POST /evidence-files): registration certificate, test purchase, ...',
});

export const RightsHolderBody = Type.Object(
  {
    name: NonEmpty(100, { description: 'the brand owner or its authorised agent' }),
    contact: NonEmpty(200, { description: 'how ops reach you: email or phone' }),
  },
  { additionalProperties: false },
);

export const RightsHolderSchema = Type.Object({
  id: Id,
  userId: Id,
  name: Type.String(),
  contact: Type.String(),
  createdAt: Timestamp,
});

const CertificationStateSchema = Type.Union([
  Type.Literal('pending'),
  Type.Literal('certified'),
  Type.Literal('rejected'),
]);

export const CertificationSchema = Type.Object({
  id: Id,
  holderId: Id,
  holderName: Type.String(),
  brand: Type.Object({ id: Id, name: Type.String() }),
  trademarkNo: Type.String(),
  evidenceFileIds: Type.Array(Id),
  note: NullableText,
  state: CertificationStateSchema,
  decidedBy: NullableId,
  decidedAt: NullableTimestamp,
  decisionNote: NullableText,
  createdAt: Timestamp,
});
export const CertificationPage = Page(CertificationSchema);

export const MyRightsHolderSchema = Type.Intersect([
  RightsHolderSchema,
  Type.Object({ certifications: Type.Array(CertificationSchema) }),
]);

export const CertificationBody = Type.Object(
  {
    brandId: Id,
    trademarkNo: Type.String({
      pattern: '^G?[0-9]{5,10}$',
      description: '商标注册号: 5–10 digits (G and digits for a Madrid registration)',
    }),
    evidenceFileIds: Evidence,
    note: Type.Optional(Type.String({ maxLength: 500 })),
  },
  { additionalProperties: false },
);

export const CertificationQuery = Type.Object({
  state: Type.Optional(CertificationStateSchema),
  ...Pagination.properties,
});

export const CertificationDecisionBody = Type.Object(
  { approve: Type.Boolean(), note: NonEmpty(500) },
  { additionalProperties: false },
);

const ComplaintStateSchema = Type.Union(
  [
    Type.Literal('ops_review'),
    Type.Literal('rejected'),
    Type.Literal('upheld'),
    Type.Literal('counter_noticed'),
    Type.Literal('restored'),
    Type.Literal('confirmed'),
  ],
  {
    description:
      'ops_review: waiting for ops; upheld: product taken down, counter-notice open; counter_noticed: ops weigh it; rejected / restored / confirmed: final',
  },
);
const ComplaintReasonSchema = Type.Union([
  Type.Literal('counterfeit'),
  Type.Literal('trademark'),
  Type.Literal('copyright'),
  Type.Literal('patent'),
  Type.Literal('other'),
]);

export const ComplaintBody = Type.Object(
  { productId: Id, reason: ComplaintReasonSchema, text: NonEmpty(2000), evidenceFileIds: Evidence },
  { additionalProperties: false },
);

export const ComplaintSchema = Type.Object({
  id: Id,
  holder: Type.Object({ id: Id, name: Type.String() }),
  productId: Id,
  productTitle: Type.String({ description: "the product's title now" }),
  shopId: Id,
  brandId: NullableId,
  reason: ComplaintReasonSchema,
  text: Type.String(),
  evidenceFileIds: Type.Array(Id),
  channel: Type.Union([Type.Literal('fast'), Type.Literal('ops')], {
    description: 'fast: filed by a holder certified for the brand, upheld at once',
  }),
  state: ComplaintStateSchema,
  counterNoticeDueAt: NullableTimestamp,
  counterText: NullableText,
  counterEvidenceFileIds: Type.Array(Id, { description: 'empty until the merchant counter-notifies' }),
  counterBy: NullableId,
  counterAt: NullableTimestamp,
  createdAt: Timestamp,
  updatedAt: Timestamp,
});
export const ComplaintPageSchema = Page(ComplaintSchema);

export const ComplaintDetailSchema = Type.Intersect([
  ComplaintSchema,
  Type.Object({
    events: Type.Array(
      Type.Object({
        fromState: Type.Union([ComplaintStateSchema, Type.Null()]),
        toState: ComplaintStateSchema,
        note: Type.String(),
        at: Timestamp,
      }),
    ),
  }),
]);

export const ComplaintQueueQuery = Type.Object({
  state: Type.Optional(ComplaintStateSchema),
  ...Pagination.properties,
});

export const ComplaintDecisionBody = Type.Object(
  { uphold: Type.Boolean({ description: 'true takes the product down' }), note: NonEmpty(500) },
  { additionalProperties: false },
);

export const CounterNoticeBody = Type.Object(
  { text: NonEmpty(2000), evidenceFileIds: Evidence },
  { additionalProperties: false },
);

export const CounterNoticeDecisionBody = Type.Object(
  {
    restore: Type.Boolean({ description: 'true sends the product back to listing review' }),
    note: NonEmpty(500),
  },
  { additionalProperties: false },
);
