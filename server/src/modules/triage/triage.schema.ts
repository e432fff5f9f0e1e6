import { type TLiteral, type TUnion, Type } from '@sinclair/typebox';
import { Id, Timestamp } from '../../platform/schemas.ts';
import { QUEUES } from './queues.ts';

// A union of string literals whose static type is the union of the values.
const literals = <const T extends readonly string[]>(values: T) =>
  Type.Union(values.map((v) => Type.Literal(v))) as unknown as TUnion<TLiteral<T[number]>[]>;

export const QueueSchema = literals(QUEUES);
export const QueueParams = Type.Object({ queue: QueueSchema });

const SubjectSchema = Type.Object(
  {
    type: Type.String({ minLength: 1, maxLength: 40, description: 'product, ip_complaint, live_comment, …' }),
    id: Id,
  },
  { additionalProperties: false },
);

const ClaimView = Type.Object({
  holderId: Type.Integer(),
  holderName: Type.String(),
  claimedAt: Timestamp,
});

export const QueueSummarySchema = Type.Object({
  queue: QueueSchema,
  slaMinutes: Type.Integer(),
  waiting: Type.Integer(),
  overdue: Type.Integer(),
  oldestAt: Type.Union([Timestamp, Type.Null()]),
});

export const QueueItemSchema = Type.Object({
  subject: SubjectSchema,
  caseId: Type.Union([Type.Integer(), Type.Null()]),
  checkpoint: Type.Union([Type.String(), Type.Null()]),
  title: Type.Union([Type.String(), Type.Null()]),
  openedAt: Timestamp,
  dueAt: Timestamp,
  overdue: Type.Boolean(),
  claim: Type.Union([ClaimView, Type.Null()]),
});

export const QueuePageSchema = Type.Object({
  queue: QueueSchema,
  slaMinutes: Type.Integer(),
  now: Timestamp,
  items: Type.Array(QueueItemSchema),
});

export const SlaBody = Type.Object(
  {
    slaMinutes: Type.Integer({
      minimum: 1,
      maximum: 43_200,
      description: 'how long an item may wait before it is overdue (minutes)',
    }),
  },
  { additionalProperties: false },
);

export const ClaimBody = Type.Object(
  {
    subject: SubjectSchema,
    holderId: Type.Optional(Id),
    takeOver: Type.Optional(Type.Boolean({ description: 'take the item from the reviewer holding it' })),
  },
  { additionalProperties: false },
);

export const ClaimSchema = Type.Object({
  queue: QueueSchema,
  subject: SubjectSchema,
  holderId: Type.Integer(),
  holderName: Type.String(),
  claimedAt: Timestamp,
});

export const ReleaseBody = Type.Object(
  { subject: SubjectSchema, takeOver: Type.Optional(Type.Boolean()) },
  { additionalProperties: false },
);

export const DecisionsBody = Type.Object(
  {
    subjects: Type.Array(SubjectSchema, { minItems: 1, maxItems: 100 }),
    decision: literals(['approve', 'reject'] as const),
    reason: Type.Optional(Type.String({ maxLength: 500 })),
    takeOver: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);

export const DecisionResultsSchema = Type.Object({
  results: Type.Array(
    Type.Object({
      subject: SubjectSchema,
      ok: Type.Boolean(),
      error: Type.Optional(
        Type.Object({
          code: Type.String(),
          message: Type.String(),
          details: Type.Record(Type.String(), Type.Unknown()),
        }),
      ),
    }),
  ),
});
