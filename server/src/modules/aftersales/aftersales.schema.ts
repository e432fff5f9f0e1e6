import { type TSchema, Type } from '@sinclair/typebox';
import { Fen, Id, NonEmpty, Pagination, Timestamp } from '../../platform/schemas.ts';
import { CARRIERS } from '../fulfilment/index.ts';
import { REASON_CODES } from './reasons.ts';

const Null = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);
const Literals = <T extends string>(values: readonly T[]) => Type.Union(values.map((v) => Type.Literal(v)));

export const RequestTypes = [
  'refund_only_unshipped',
  'refund_only',
  'return_refund',
  'exchange',
  'resend',
  'guarantee_claim',
] as const;
const AllTypes = [...RequestTypes, 'late_shipment_compensation'] as const;
const States = [
  'pending_merchant',
  'awaiting_return',
  'return_shipped',
  'awaiting_reship',
  'rejected',
  'in_arbitration',
  'refunded',
  'resolved',
  'closed',
] as const;
const Actions = ['approve', 'platform_pays', 'close', 'refund', 'decide_for_buyer'] as const;

const ExplanationSchema = Type.Object({ zh: Type.String(), en: Type.String() });

export const EvidenceBody = Type.Object(
  {
    text: Type.Optional(NonEmpty(2000)),
    fileIds: Type.Optional(
      Type.Array(Id, { maxItems: 9, uniqueItems: true, description: 'ids from POST /evidence-files' }),
    ),
  },
  { additionalProperties: false },
);

export const OpenRequestBody = Type.Object(
  {
    orderId: Id,
    orderLineId: Id,
    type: Literals(RequestTypes),
    reason: Literals(REASON_CODES),
    quantity: Type.Integer({ minimum: 1, maximum: 999 }),
    amountFen: Type.Optional(
      Type.Integer({
        minimum: 1,
        maximum: 100_000_000_00,
        description: 'default: all that remains refundable',
      }),
    ),
    description: Type.Optional(NonEmpty(1000)),
    guaranteeCode: Type.Optional(
      NonEmpty(40, { description: 'for a guarantee_claim: the guarantee claimed' }),
    ),
    evidence: Type.Optional(EvidenceBody),
  },
  { additionalProperties: false },
);

export const ShipBody = Type.Object(
  {
    carrier: Literals(CARRIERS),
    trackingNumber: Type.String({ pattern: '^[A-Za-z0-9]{8,30}$' }),
  },
  { additionalProperties: false },
);

export const CommunicationBody = Type.Object(
  {
    channel: Literals(['phone', 'chat', 'sms', 'other'] as const),
    summary: Type.String({ minLength: 5, maxLength: 2000, pattern: '\\S' }),
    conversationId: Type.Optional(
      Type.Integer({
        minimum: 1,
        maximum: Number.MAX_SAFE_INTEGER,
        description:
          "the buyer's conversation with the shop this communication cites (channel chat): it must hold messages a person of the shop and the buyer wrote",
      }),
    ),
  },
  { additionalProperties: false },
);

export const RejectBody = Type.Object(
  {
    communicationId: Id,
    reason: NonEmpty(1000),
  },
  { additionalProperties: false },
);

export const ReasonBody = Type.Object({ reason: NonEmpty(1000) }, { additionalProperties: false });

export const DecideBody = Type.Object(
  {
    outcome: Literals(['full', 'partial', 'reject'] as const),
    amountFen: Type.Optional(Type.Integer({ minimum: 1, maximum: 100_000_000_00 })),
    reason: NonEmpty(1000),
    counterfeit: Type.Optional(
      Type.Boolean({ description: 'arbitration confirms a counterfeit (假一赔十)' }),
    ),
  },
  { additionalProperties: false },
);

export const ListQuerySchema = Type.Composite([
  Pagination,
  Type.Object({
    open: Type.Optional(Type.Boolean()),
    orderId: Type.Optional(Id),
  }),
]);

export const InboxQuery = Type.Composite([
  Pagination,
  Type.Object({
    open: Type.Optional(
      Type.Boolean({ description: 'true (default): open requests; false: closed ones only' }),
    ),
    includeClosed: Type.Optional(
      Type.Boolean({
        description: 'open requests first (most urgent first), then the closed ones (newest first)',
      }),
    ),
    awaitingMerchant: Type.Optional(
      Type.Boolean({
        description:
          'only requests waiting for the merchant: to decide, a returned parcel to confirm, a replacement to ship',
      }),
    ),
  }),
]);

export const QueueQuery = Type.Composite([
  Pagination,
  Type.Object({ state: Type.Optional(Literals(['awaiting_evidence', 'awaiting_decision'] as const)) }),
]);

const Summary = Type.Object({
  id: Id,
  orderId: Id,
  orderLineId: Null(Id),
  shopId: Id,
  buyerId: Id,
  type: Literals(AllTypes),
  reason: Type.String(),
  quantity: Type.Integer(),
  requestedFen: Fen,
  approvedFen: Null(Fen),
  state: Literals(States),
  deadlineAt: Null(Timestamp),
  deadlineAction: Null(Literals(Actions)),
  autoRule: Null(Type.String()),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});

export const RequestPage = Type.Object({
  items: Type.Array(Summary),
  total: Type.Integer(),
  limit: Type.Integer(),
  offset: Type.Integer(),
});

export const RequestSchema = Type.Object({
  id: Id,
  orderId: Id,
  orderLineId: Null(Id),
  shopId: Id,
  buyerId: Id,
  type: Literals(AllTypes),
  reason: Type.String(),
  reasonLabel: ExplanationSchema,
  description: Null(Type.String()),
  guaranteeCode: Null(Type.String()),
  quantity: Type.Integer(),
  requestedFen: Fen,
  approvedFen: Null(Fen),
  state: Literals(States),
  deadlineAt: Null(Timestamp),
  deadlineAction: Null(Literals(Actions)),
  deadlineExplanation: Null(ExplanationSchema),
  receiptExtended: Type.Boolean(),
  attempt: Type.Integer(),
  autoRule: Null(Type.String({ description: 'the rule that decided within the request, if any' })),
  configVersion: Type.Integer(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
  closedAt: Null(Timestamp),
  line: Null(
    Type.Object({
      title: Type.String(),
      spec: Type.String(),
      unitPriceFen: Fen,
      quantity: Type.Integer(),
      lineFen: Fen,
      guarantees: Type.Array(Type.String()),
    }),
  ),
  returnShipment: Null(
    Type.Object({
      state: Literals(['awaiting_shipment', 'shipped', 'received', 'refused'] as const),
      returnAddress: Type.String(),
      carrier: Null(Type.String()),
      trackingNumber: Null(Type.String()),
      shippedAt: Null(Timestamp),
      receivedAt: Null(Timestamp),
    }),
  ),
  reshipment: Null(
    Type.Object({ carrier: Type.String(), trackingNumber: Type.String(), shippedAt: Timestamp }),
  ),
  arbitration: Null(
    Type.Object({
      state: Literals(['awaiting_evidence', 'awaiting_decision', 'decided'] as const),
      openedBy: Type.String(),
      evidenceDueAt: Timestamp,
      outcome: Null(Literals(['full', 'partial', 'reject'] as const)),
      awardedFen: Null(Fen),
      counterfeit: Type.Boolean(),
      reason: Null(Type.String()),
      decidedAt: Null(Timestamp),
    }),
  ),
  timeline: Type.Array(
    Type.Object({
      fromState: Null(Literals(States)),
      toState: Literals(States),
      actorKind: Literals(['buyer', 'merchant', 'ops', 'system'] as const),
      rule: Null(Type.String()),
      inputs: Null(Type.Record(Type.String(), Type.Unknown())),
      configVersion: Null(Type.Integer()),
      explanation: ExplanationSchema,
      at: Timestamp,
    }),
  ),
  evidence: Type.Array(
    Type.Object({
      id: Id,
      party: Literals(['buyer', 'merchant', 'ops'] as const),
      text: Null(Type.String()),
      fileIds: Type.Array(Id),
      at: Timestamp,
    }),
  ),
  communications: Type.Array(
    Type.Object({
      id: Id,
      channel: Type.String(),
      summary: Type.String(),
      conversationId: Null(Id),
      at: Timestamp,
    }),
  ),
  refunds: Type.Array(
    Type.Object({
      id: Id,
      amountFen: Fen,
      source: Literals(['escrow', 'clawback', 'deposit'] as const),
      state: Literals(['pending', 'succeeded', 'failed'] as const),
      createdAt: Timestamp,
      completedAt: Null(Timestamp),
    }),
  ),
  compensations: Type.Array(
    Type.Object({
      kind: Type.String(),
      amountFen: Fen,
      payer: Literals(['merchant', 'platform'] as const),
      rule: Type.String(),
      at: Timestamp,
    }),
  ),
});

export const QueuePage = Type.Object({
  items: Type.Array(
    Type.Object({
      requestId: Id,
      arbitrationId: Id,
      state: Literals(['awaiting_evidence', 'awaiting_decision', 'decided'] as const),
      openedBy: Type.String(),
      type: Type.String(),
      reason: Type.String(),
      requestedFen: Fen,
      orderId: Id,
      shopId: Id,
      buyerId: Id,
      evidenceDueAt: Timestamp,
      decideBy: Null(Timestamp),
      createdAt: Timestamp,
    }),
  ),
  total: Type.Integer(),
  limit: Type.Integer(),
  offset: Type.Integer(),
});

export const CommunicationCreated = Type.Object({ id: Id });

export const RequestConversations = Type.Object({
  items: Type.Array(
    Type.Object({
      conversationId: Id,
      lastMessageAt: Timestamp,
      buyerMessages: Type.Integer({ minimum: 0 }),
      agentMessages: Type.Integer({ minimum: 0, description: 'written by a person of the shop' }),
      citable: Type.Boolean(),
    }),
  ),
});

export const OptionsQuery = Type.Object({ orderId: Id, orderLineId: Id }, { additionalProperties: false });

export const LineOptionsSchema = Type.Object({
  orderId: Id,
  orderLineId: Id,
  orderState: Type.String(),
  types: Type.Array(
    Type.Object({ type: Literals(RequestTypes), reasons: Type.Array(Literals(REASON_CODES)) }),
    { description: 'the request types that fit the order and item, each with the reasons that fit it' },
  ),
  defaultType: Null(Literals(RequestTypes)),
  claimable: Type.Array(Type.String(), { description: 'guarantees on the line a buyer may claim' }),
  refund: Type.Object({
    byQuantity: Type.Array(Type.Object({ quantity: Type.Integer(), amountFen: Fen })),
    destination: Type.Literal('original_payment', {
      description: 'refunds go back the way the buyer paid (原路退回)',
    }),
  }),
});
