import { Type } from '@sinclair/typebox';
import { Id, NonEmpty, Page, Timestamp } from '../../platform/schemas.ts';
import { CHECKPOINTS } from './checkpoints.ts';
import { literals, OPERATORS, RULE_OUTCOMES } from './rule-language.ts';

export const CheckpointSchema = literals(CHECKPOINTS);
const OutcomeSchema = literals(['allow', 'review', 'block'] as const);
const PolicyStatusSchema = literals(['draft', 'active', 'shadow', 'retired'] as const);
const CaseStateSchema = literals(['open', 'assigned', 'resolved'] as const);
const ResolutionSchema = literals(['fraud', 'legit'] as const);
const Reason = Type.Object({ zh: Type.String(), en: Type.String() });
const Subject = Type.Object({ type: Type.String(), id: Type.Integer() });
const FeatureValues = Type.Record(Type.String(), Type.Unknown(), {
  description: 'feature name → value (number, string, boolean or list of strings)',
});

// The condition grammar is recursive; the engine validates it itself (compile-policy.ts) so that a bad
// rule is answered with its exact path (`rules[2].when.any[0].feature`) and reason.
const Condition = Type.Unsafe<object>({
  type: 'object',
  additionalProperties: true,
  description:
    'One of: { all: Condition[] } | { any: Condition[] } | { not: Condition } | ' +
    `{ feature, op: ${OPERATORS.join(' ')}, value } | { label } | ` +
    "{ linkedTo: 'blacklist', via: (phone|id_number|device|payout_account|address)[] }. " +
    'Features per checkpoint: facts, velocity `<entity>.<counter>_<1h|24h|7d|30d|90d>`, `blacklisted.<type>`.',
});

export const RuleSchema = Type.Object({
  id: Type.String(),
  description: Type.String(),
  when: Condition,
  outcome: literals(RULE_OUTCOMES),
  reason: Reason,
});

export const PolicySchema = Type.Object({
  id: Type.Integer(),
  checkpoint: CheckpointSchema,
  version: Type.Integer(),
  status: PolicyStatusSchema,
  rules: Type.Array(RuleSchema),
  note: Type.Union([Type.String(), Type.Null()]),
  createdBy: Type.Union([Type.Integer(), Type.Null()]),
  createdAt: Timestamp,
  activatedAt: Type.Union([Timestamp, Type.Null()]),
  retiredAt: Type.Union([Timestamp, Type.Null()]),
});

export const PolicyQuery = Type.Object({
  checkpoint: Type.Optional(CheckpointSchema),
  status: Type.Optional(PolicyStatusSchema),
});

export const DraftBody = Type.Object(
  {
    checkpoint: CheckpointSchema,
    rules: Type.Array(Type.Unsafe<object>({ type: 'object', additionalProperties: true }), {
      minItems: 1,
      maxItems: 200,
      description: 'Rules: { id, description, when: Condition, outcome: review | block, reason: { zh, en } }',
    }),
    note: Type.Optional(NonEmpty(500)),
  },
  { additionalProperties: false },
);

const Fired = Type.Object({ id: Type.String(), outcome: literals(RULE_OUTCOMES), reason: Reason });

export const DecisionSchema = Type.Object({
  id: Type.Integer(),
  checkpoint: Type.String(),
  subject: Subject,
  outcome: OutcomeSchema,
  fired: Type.Array(Fired),
  features: FeatureValues,
  policyId: Type.Integer(),
  policyVersion: Type.Integer(),
  shadow: Type.Boolean(),
  liveDecisionId: Type.Union([Type.Integer(), Type.Null()]),
  at: Timestamp,
});

export const DecisionQuery = Type.Object({
  checkpoint: Type.Optional(CheckpointSchema),
  outcome: Type.Optional(OutcomeSchema),
  shadow: Type.Optional(Type.Boolean()),
  subjectType: Type.Optional(Type.String({ maxLength: 64 })),
  subjectId: Type.Optional(Id),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
  offset: Type.Optional(Type.Integer({ minimum: 0, maximum: 100_000, default: 0 })),
});
export const DecisionPage = Page(DecisionSchema);

export const ShadowSummarySchema = Type.Object({
  checkpoint: Type.String(),
  shadowPolicy: Type.Object({ id: Type.Integer(), version: Type.Integer(), status: Type.String() }),
  decisions: Type.Integer(),
  agreed: Type.Integer(),
  disagreed: Type.Integer(),
  disagreementRate: Type.Union([Type.Number(), Type.Null()]),
  matrix: Type.Array(Type.Object({ live: OutcomeSchema, shadow: OutcomeSchema, count: Type.Integer() })),
  shadowRulesFired: Type.Array(Type.Object({ id: Type.String(), count: Type.Integer() })),
});

const Counts = Type.Object({ allow: Type.Integer(), review: Type.Integer(), block: Type.Integer() });
const ConfusionSchema = Type.Object({
  truePositives: Type.Integer(),
  falsePositives: Type.Integer(),
  falseNegatives: Type.Integer(),
  trueNegatives: Type.Integer(),
  precision: Type.Union([Type.Number(), Type.Null()]),
  recall: Type.Union([Type.Number(), Type.Null()]),
});

export const BacktestBody = Type.Object(
  {
    since: Type.Optional(Type.String({ format: 'date-time' })),
    until: Type.Optional(Type.String({ format: 'date-time' })),
  },
  { additionalProperties: false },
);

export const BacktestSchema = Type.Object({
  checkpoint: Type.String(),
  policy: Type.Object({ id: Type.Integer(), version: Type.Integer(), status: Type.String() }),
  since: Type.Union([Timestamp, Type.Null()]),
  until: Type.Union([Timestamp, Type.Null()]),
  events: Type.Integer(),
  before: Counts,
  after: Counts,
  changed: Type.Integer(),
  transitions: Type.Array(Type.Object({ from: OutcomeSchema, to: OutcomeSchema, count: Type.Integer() })),
  examples: Type.Array(
    Type.Object({
      decisionId: Type.Integer(),
      subject: Subject,
      before: OutcomeSchema,
      after: OutcomeSchema,
      fired: Type.Array(Type.String()),
    }),
  ),
  labelled: Type.Integer(),
  precisionRecall: Type.Object({ before: ConfusionSchema, after: ConfusionSchema }),
});

export const CaseSchema = Type.Object({
  id: Type.Integer(),
  decisionId: Type.Integer(),
  checkpoint: Type.String(),
  subject: Subject,
  state: CaseStateSchema,
  assignee: Type.Union([Type.Integer(), Type.Null()]),
  resolution: Type.Union([ResolutionSchema, Type.Null()]),
  note: Type.Union([Type.String(), Type.Null()]),
  resolvedBy: Type.Union([Type.Integer(), Type.Null()]),
  openedAt: Timestamp,
  assignedAt: Type.Union([Timestamp, Type.Null()]),
  resolvedAt: Type.Union([Timestamp, Type.Null()]),
  ruleId: Type.Union([Type.String(), Type.Null()], {
    description: 'the rule the case is kept for, with its subject (null: opened before issue 17)',
  }),
  hitCount: Type.Integer({
    minimum: 1,
    description: 'review decisions joined to the case, the first included',
  }),
  lastHitAt: Timestamp,
  hits: Type.Array(
    Type.Object({
      decisionId: Type.Integer(),
      subject: Subject,
      at: Timestamp,
      resolution: Type.Union([ResolutionSchema, Type.Null()]),
      resolvedAt: Type.Union([Timestamp, Type.Null()]),
    }),
    { description: 'the latest 100 hits, newest first: each decision and its own subject' },
  ),
  decision: Type.Object({
    outcome: OutcomeSchema,
    fired: Type.Array(Fired),
    features: FeatureValues,
    policyVersion: Type.Integer(),
  }),
  timeline: Type.Array(
    Type.Object({
      fromState: Type.Union([CaseStateSchema, Type.Null()], { description: 'null when the case was opened' }),
      toState: CaseStateSchema,
      assignee: Type.Union([Type.Integer(), Type.Null()]),
      actorId: Type.Union([Type.Integer(), Type.Null()], { description: 'null for the trust engine' }),
      note: Type.String(),
      at: Timestamp,
    }),
    { description: 'every state the case entered, oldest first' },
  ),
});

export const ReviewShareQuery = Type.Object({ checkpoint: CheckpointSchema });
export const ReviewShareSchema = Type.Object({
  checkpoint: CheckpointSchema,
  since: Timestamp,
  until: Timestamp,
  alert: Type.Object(
    {
      shareBp: Type.Integer({ description: 'risk.reviewShareAlert.shareBp: flagged above this share (bp)' }),
      minDecisions: Type.Integer({ description: 'no flag before this many decisions in the window' }),
      windowMs: Type.Integer({ description: 'the window (ms)' }),
    },
    { description: 'the setting in force (risk.reviewShareAlert)' },
  ),
  decisions: Type.Integer({ description: 'the checkpoint’s live decisions in the window' }),
  rules: Type.Array(
    Type.Object({
      ruleId: Type.String(),
      decisions: Type.Integer(),
      reviews: Type.Integer({ description: 'decisions this rule sent to review' }),
      share: Type.Union([Type.Number(), Type.Null()], {
        description: 'reviews ÷ decisions; null before any',
      }),
      flagged: Type.Boolean({ description: 'sends more than the share to review' }),
    }),
    { description: 'each rule of the active version, then other rules that sent decisions to review' },
  ),
});

export const CaseQuery = Type.Object({
  checkpoint: Type.Optional(CheckpointSchema),
  state: Type.Optional(CaseStateSchema),
  assignee: Type.Optional(Id),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
  offset: Type.Optional(Type.Integer({ minimum: 0, maximum: 100_000, default: 0 })),
});
export const CasePage = Page(CaseSchema);

export const AssignBody = Type.Object(
  { assigneeId: Type.Optional(Id) },
  { additionalProperties: false, description: 'Without assigneeId the case goes to the caller.' },
);

export const ResolveBody = Type.Object(
  { resolution: ResolutionSchema, note: NonEmpty(1000) },
  { additionalProperties: false },
);

const LabelName = Type.String({ pattern: '^[a-z][a-z0-9_]{0,63}$', description: 'a-z, 0-9, _; up to 64' });
const SubjectFields = {
  subjectType: Type.String({
    minLength: 1,
    maxLength: 64,
    description: "'user', 'shop' or a checkpoint's subject type",
  }),
  subjectId: Id,
};
export const LabelQuery = Type.Object(SubjectFields);
export const LabelBody = Type.Object(
  { ...SubjectFields, label: LabelName, note: Type.Optional(NonEmpty(500)) },
  { additionalProperties: false },
);
export const ClearLabelBody = Type.Object(
  { ...SubjectFields, label: LabelName },
  { additionalProperties: false },
);
export const LabelList = Type.Object({
  items: Type.Array(
    Type.Object({
      subject: Subject,
      label: Type.String(),
      setBy: Type.Union([Type.Integer(), Type.Null()]),
      note: Type.Union([Type.String(), Type.Null()]),
      at: Timestamp,
    }),
  ),
});

const Identifier = Type.String({ minLength: 1, maxLength: 200 });
export const BlacklistBody = Type.Object(
  {
    entities: Type.Optional(
      Type.Object(
        {
          phone: Type.Optional(Identifier),
          id_number: Type.Optional(Identifier),
          device: Type.Optional(Identifier),
          payout_account: Type.Optional(Identifier),
          address: Type.Optional(Identifier),
        },
        { additionalProperties: false },
      ),
    ),
    userId: Type.Optional(Id),
    shopId: Type.Optional(Id),
    reason: NonEmpty(500),
  },
  {
    additionalProperties: false,
    description: 'Identifiers to blacklist; with userId or shopId, every identifier ever linked to them too.',
  },
);
export const BlacklistResult = Type.Object({ added: Type.Integer() });
