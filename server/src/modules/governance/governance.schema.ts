import { type TSchema, Type } from '@sinclair/typebox';
import { Fen, Id, NonEmpty, Page, Pagination, Timestamp } from '../../platform/schemas.ts';
import { PENALTY_KINDS, VIOLATION_CODES } from './catalogue.ts';

const Null = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);
const Literals = <T extends string>(values: readonly T[]) => Type.Union(values.map((v) => Type.Literal(v)));

const SubjectTypes = ['shop', 'product', 'live_session', 'order', 'review', 'content'] as const;
const Sources = ['ops', 'trust_engine', 'ip_complaint', 'system'] as const;
const ViolationStates = ['warned', 'enforced', 'fixed', 'reversed'] as const;
const AppealStates = ['pending', 'upheld', 'rejected'] as const;

const FileIds = Type.Array(Id, {
  maxItems: 9,
  uniqueItems: true,
  description: 'evidence images uploaded by the caller (POST /evidence-files)',
});

export const ViolationIdParams = Type.Object({ id: Id, violationId: Id });

export const RecordViolationBody = Type.Object(
  {
    shopId: Null({ ...Id, description: 'the shop at fault; null for a creator’s own live session' }),
    code: Literals(VIOLATION_CODES),
    points: Type.Optional(
      Type.Integer({
        minimum: 0,
        maximum: 100,
        description: 'serious only: 2–100 instead of the catalogue’s',
      }),
    ),
    subject: Type.Object({ type: Literals(SubjectTypes), id: Null(Id) }, { additionalProperties: false }),
    evidence: Type.Object(
      { text: NonEmpty(4000), fileIds: Type.Optional(FileIds) },
      { additionalProperties: false },
    ),
  },
  { additionalProperties: false },
);

export const ViolationQuery = Type.Object(
  {
    ...Pagination.properties,
    shopId: Type.Optional(Id),
    code: Type.Optional(Literals(VIOLATION_CODES)),
    state: Type.Optional(Literals(ViolationStates)),
    source: Type.Optional(Literals(Sources)),
  },
  { additionalProperties: false },
);

export const ShopViolationQuery = Type.Object(
  { ...Pagination.properties, state: Type.Optional(Literals(ViolationStates)) },
  { additionalProperties: false },
);

export const PenaltySchema = Type.Object({
  id: Id,
  violationId: Id,
  kind: Literals(PENALTY_KINDS),
  state: Literals(['active', 'ended', 'reversed'] as const),
  milestone: Null(
    Type.Integer({
      description:
        'the points milestone that caused it (`governance.restrictionMilestones`, `governance.closureAtPoints`)',
    }),
  ),
  params: Type.Object(
    {
      days: Type.Optional(Type.Integer()),
      amountFen: Type.Optional(Fen),
      deductedFen: Type.Optional({ ...Fen, description: 'what the deposit gave for a fine' }),
      deductionId: Type.Optional(Id),
      productId: Type.Optional(Id),
      applied: Type.Optional(Type.Boolean({ description: 'delist_product: false when it was not listed' })),
      shopStateBefore: Type.Optional(Type.String()),
      refundEntryId: Type.Optional(Id),
    },
    { description: 'what the penalty did, as needed to undo it' },
  ),
  startsAt: Timestamp,
  endsAt: Null(Timestamp),
  endedAt: Null(Timestamp),
});

export const AppealSchema = Type.Object({
  id: Id,
  violationId: Id,
  shopId: Id,
  attempt: Type.Integer({ minimum: 1, maximum: 2 }),
  filedBy: Id,
  text: Type.String(),
  fileIds: Type.Array(Id),
  state: Literals(AppealStates),
  decidedBy: Null(Id),
  decisionReason: Null(Type.String()),
  createdAt: Timestamp,
  decidedAt: Null(Timestamp),
});

export const GovernanceEventSchema = Type.Object(
  {
    record: Literals(['violation', 'penalty', 'appeal'] as const),
    recordId: Id,
    fromState: Null(Type.String({ description: 'null when the record was created' })),
    toState: Type.String(),
    actorId: Null({ ...Id, description: 'null for the platform (a deadline, the trust engine)' }),
    note: Type.String(),
    at: Timestamp,
  },
  { description: 'a state the violation, one of its penalties or one of its appeals entered' },
);

export const ViolationSchema = Type.Object({
  id: Id,
  shopId: Null(Id),
  hostUserId: Null(Id),
  code: Type.String(),
  severity: Literals(['general', 'serious'] as const),
  points: Type.Integer({ minimum: 0, maximum: 100 }),
  description: Type.Object({ zh: Type.String(), en: Type.String() }),
  subject: Type.Object({ type: Literals(SubjectTypes), id: Null(Id) }),
  evidence: Type.Object({ text: Type.String(), fileIds: Type.Array(Id) }),
  source: Literals(Sources),
  state: Literals(ViolationStates),
  fixBy: Null({ ...Timestamp, description: 'a warned violation is enforced unless fixed by then' }),
  appealBy: { ...Timestamp, description: 'appeals are accepted until then (at most 2)' },
  penalties: Type.Array(PenaltySchema),
  appeals: Type.Array(AppealSchema),
  timeline: Type.Array(GovernanceEventSchema, { description: 'oldest first' }),
  createdAt: Timestamp,
});

export const ViolationPage = Page(ViolationSchema);

export const AppealBody = Type.Object(
  { text: NonEmpty(4000), fileIds: Type.Optional(FileIds) },
  { additionalProperties: false },
);

export const AppealQuery = Type.Object(
  { ...Pagination.properties, state: Type.Optional(Literals(AppealStates)), shopId: Type.Optional(Id) },
  { additionalProperties: false },
);

export const AppealPage = Page(AppealSchema);

export const AppealDecisionBody = Type.Object(
  { decision: Literals(['uphold', 'reject'] as const), reason: NonEmpty(2000) },
  { additionalProperties: false },
);

export const AppealDecisionSchema = Type.Object({ appeal: AppealSchema, violation: ViolationSchema });

export const ShopGovernanceSchema = Type.Object({
  shopId: Id,
  shopState: Type.String(),
  points: Type.Integer({
    minimum: 0,
    description: 'points of serious violations over the rolling `governance.pointsWindowMs`',
  }),
  pointsSince: Timestamp,
  nextMilestone: Null(
    Type.Object({
      points: Type.Integer(),
      action: Literals(['restrict', 'close'] as const),
      days: Null(Type.Integer()),
    }),
  ),
  activePenalties: Type.Array(PenaltySchema),
  openWarnings: Type.Integer({ minimum: 0 }),
});

export const EmergencyStopBody = Type.Object(
  {
    reason: NonEmpty(500),
    evidence: NonEmpty(4000, { description: 'what was said or shown' }),
    fileIds: Type.Optional(FileIds),
  },
  { additionalProperties: false },
);

const ReminderSchema = Type.Object({
  id: Id,
  violationId: Id,
  sessionId: Null(Id),
  messageZh: Type.String(),
  messageEn: Type.String(),
  createdAt: Timestamp,
});

export const ReminderList = Type.Object({ items: Type.Array(ReminderSchema) });

export const AcknowledgedSchema = Type.Object({ id: Id, acknowledgedAt: Timestamp });

export const CatalogueSchema = Type.Object({
  items: Type.Array(
    Type.Object({
      code: Type.String(),
      severity: Literals(['general', 'serious'] as const),
      points: Type.Integer(),
      subjects: Type.Array(Literals(SubjectTypes)),
      penalties: Type.Array(
        Type.Object({
          kind: Literals(PENALTY_KINDS),
          days: Type.Optional(Type.Integer()),
          amountFen: Type.Optional(Fen),
        }),
      ),
      zh: Type.String(),
      en: Type.String(),
    }),
  ),
});
