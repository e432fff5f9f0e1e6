import { Type } from '@sinclair/typebox';
import { Fen, Id, NonEmpty, Pagination, Timestamp } from '../../platform/schemas.ts';

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);
const Literals = <T extends string>(values: readonly T[], description?: string) =>
  Type.Union(
    values.map((v) => Type.Literal(v)),
    description ? { description } : {},
  );

export const CARE_RULES = [
  'stalled_parcel_contacted',
  'refused_then_bad_review',
  'repeat_aftersales',
] as const;
export const CareRuleSchema = Literals(
  CARE_RULES,
  'stalled_parcel_contacted: parcel stalled ≥ 72 h and the buyer contacted the shop twice; refused_then_bad_review: a refused refund then a bad review of the order; repeat_aftersales: a second after-sales request on one order',
);
const CaseStateSchema = Literals(['open', 'claimed', 'resolved'] as const);
const OutcomeSchema = Literals(['compensated', 'apologised', 'unreachable', 'declined'] as const);
const SurveyStateSchema = Literals(['asked', 'answered', 'expired'] as const);
const SatisfactionSchema = Literals(['satisfied', 'neutral', 'unsatisfied'] as const);
const ChannelSchema = Literals(['phone', 'sms', 'chat', 'other'] as const);
const KindSchema = Literals(['coupon', 'cash'] as const);

export const QueueQuery = Type.Object({
  view: Type.Optional(
    Literals(
      ['active', 'mine', 'resolved', 'all'] as const,
      'active (default): unresolved by SLA; mine: claimed by me; resolved: newest first',
    ),
  ),
  rule: Type.Optional(CareRuleSchema),
  ...Pagination.properties,
});

const CaseSummary = Type.Object({
  id: Id,
  rule: CareRuleSchema,
  buyerId: Id,
  buyerName: Type.String(),
  orderId: Id,
  shopId: Id,
  shopName: Type.String(),
  state: CaseStateSchema,
  happenedAt: Timestamp,
  detectedAt: Timestamp,
  dueAt: Timestamp,
  overdue: Type.Boolean(),
  claimedBy: Nullable(Id),
  claimedByName: Nullable(Type.String()),
  outcome: Nullable(OutcomeSchema),
  resolvedAt: Nullable(Timestamp),
  surveyState: Nullable(SurveyStateSchema),
  satisfaction: Nullable(SatisfactionSchema),
});

export const SatisfactionFigure = Type.Object({
  windowDays: Type.Integer(),
  asked: Type.Integer({ description: 'cases resolved in the window whose buyer was asked' }),
  answered: Type.Integer(),
  satisfied: Type.Integer(),
  rateBp: Nullable(
    Type.Integer({ description: 'satisfied / answered in basis points; null without answers' }),
  ),
});

export const QueuePage = Type.Object({
  items: Type.Array(CaseSummary),
  total: Type.Integer(),
  limit: Type.Integer(),
  offset: Type.Integer(),
  counts: Type.Object({ open: Type.Integer(), claimed: Type.Integer(), overdue: Type.Integer() }),
  satisfaction: SatisfactionFigure,
});

export const CaseStory = Type.Object({
  case: Type.Object({
    id: Id,
    rule: CareRuleSchema,
    state: CaseStateSchema,
    facts: Type.Record(Type.String(), Type.Unknown(), {
      description: 'the rule’s inputs when it found the case',
    }),
    happenedAt: Timestamp,
    detectedAt: Timestamp,
    dueAt: Timestamp,
    configVersion: Type.Integer(),
    claimedBy: Nullable(Id),
    claimedByName: Nullable(Type.String()),
    claimedAt: Nullable(Timestamp),
    outcome: Nullable(OutcomeSchema),
    outcomeNote: Nullable(Type.String()),
    resolvedAt: Nullable(Timestamp),
    surveyState: Nullable(SurveyStateSchema),
    surveyExpiresAt: Nullable(Timestamp),
    satisfaction: Nullable(SatisfactionSchema),
    answeredAt: Nullable(Timestamp),
  }),
  buyer: Type.Object({ id: Id, name: Type.String(), phone: Nullable(Type.String()) }),
  shop: Type.Object({ id: Id, name: Type.String() }),
  order: Type.Object({
    id: Id,
    state: Type.String(),
    totalFen: Fen,
    createdAt: Timestamp,
    lines: Type.Array(
      Type.Object({
        id: Id,
        productId: Id,
        title: Type.String(),
        spec: Type.Unknown(),
        quantity: Type.Integer(),
        paidFen: Fen,
      }),
    ),
    timeline: Type.Array(Type.Object({ toState: Type.String(), actorKind: Type.String(), at: Timestamp })),
  }),
  shipment: Nullable(
    Type.Object({
      carrier: Type.String(),
      trackingNumber: Type.String(),
      status: Type.String(),
      shippedAt: Timestamp,
      events: Type.Array(
        Type.Object({ event: Type.String(), location: Nullable(Type.String()), at: Timestamp }),
      ),
    }),
  ),
  chats: Type.Array(
    Type.Object({
      id: Id,
      sender: Literals(['buyer', 'agent', 'bot', 'system'] as const),
      kind: Type.String(),
      text: Nullable(Type.String()),
      productId: Nullable(Id),
      orderId: Nullable(Id),
      visibility: Literals(['visible', 'held'] as const),
      createdAt: Timestamp,
    }),
  ),
  aftersales: Type.Array(
    Type.Object({
      id: Id,
      type: Type.String(),
      reason: Type.String(),
      state: Type.String(),
      requestedFen: Fen,
      approvedFen: Nullable(Fen),
      createdAt: Timestamp,
      closedAt: Nullable(Timestamp),
    }),
  ),
  reviews: Type.Array(
    Type.Object({
      id: Id,
      rating: Type.Integer(),
      text: Type.String(),
      state: Type.String(),
      createdAt: Timestamp,
    }),
  ),
  contacts: Type.Array(
    Type.Object({
      id: Id,
      byUser: Id,
      channel: ChannelSchema,
      reached: Type.Boolean(),
      note: Type.String(),
      at: Timestamp,
    }),
  ),
  compensations: Type.Array(
    Type.Object({
      id: Id,
      kind: KindSchema,
      amountFen: Fen,
      buyerCouponId: Nullable(Id),
      budgetDay: Type.String(),
      byUser: Id,
      at: Timestamp,
    }),
  ),
  caps: Type.Object({ perCaseCapFen: Fen, caseLeftFen: Fen, couponValidDays: Type.Integer() }),
});

export const ContactBody = Type.Object(
  {
    channel: ChannelSchema,
    reached: Type.Boolean({ description: 'whether the buyer was reached' }),
    note: NonEmpty(500),
  },
  { additionalProperties: false },
);

export const CompensationBody = Type.Object(
  {
    kind: KindSchema,
    amountFen: Type.Integer({
      minimum: 1,
      maximum: 100_000,
      description: 'fen; a coupon takes this much off (no threshold), cash is paid out',
    }),
  },
  { additionalProperties: false },
);

export const CompensationSchema = Type.Object({
  id: Id,
  caseId: Id,
  kind: KindSchema,
  amountFen: Fen,
  buyerCouponId: Nullable(Id),
  budgetDay: Type.String({ description: 'the platform’s local day whose budget it used (YYYY-MM-DD)' }),
  at: Timestamp,
  caseLeftFen: Fen,
  dayLeftFen: Fen,
});

export const OutcomeBody = Type.Object(
  {
    outcome: OutcomeSchema,
    note: Type.Optional(Type.String({ maxLength: 500 })),
  },
  { additionalProperties: false },
);

export const ScanResultSchema = Type.Object({
  opened: Type.Object({
    stalled_parcel_contacted: Type.Integer(),
    refused_then_bad_review: Type.Integer(),
    repeat_aftersales: Type.Integer(),
  }),
  surveysExpired: Type.Integer(),
});

export const SurveySchema = Type.Object({
  caseId: Id,
  orderId: Id,
  shopName: Type.String(),
  state: SurveyStateSchema,
  expiresAt: Timestamp,
  satisfaction: Nullable(SatisfactionSchema),
  answeredAt: Nullable(Timestamp),
});

export const SurveyAnswerBody = Type.Object(
  { satisfaction: SatisfactionSchema },
  { additionalProperties: false },
);
