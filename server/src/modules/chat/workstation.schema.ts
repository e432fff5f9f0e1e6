import { Type } from '@sinclair/typebox';
import { Fen, Id, NonEmpty, Timestamp } from '../../platform/schemas.ts';
import { ChatCard } from './chat.schema.ts';

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);
const SessionStateSchema = Type.Union([
  Type.Literal('bot'),
  Type.Literal('queued'),
  Type.Literal('serving'),
  Type.Literal('closed'),
]);
const AgentStatusSchema = Type.Union([Type.Literal('online'), Type.Literal('away')]);

export const ShopUserParams = Type.Object({ id: Id, userId: Id });
export const ShopReplyParams = Type.Object({ id: Id, replyId: Id });

export const InboxQuery = Type.Object(
  {
    status: Type.Optional(
      Type.Union([Type.Literal('waiting'), Type.Literal('mine'), Type.Literal('all')], {
        description: 'waiting: queued for a person, nobody has it (待接入); mine: I serve it; all (default)',
      }),
    ),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 100 })),
  },
  { additionalProperties: false },
);

export const InboxItemSchema = Type.Object({
  conversationId: Id,
  buyer: Type.Object({ id: Id, displayName: Type.String() }),
  session: Nullable(
    Type.Object({
      id: Id,
      state: SessionStateSchema,
      agentId: Nullable(Id),
      agentName: Nullable(Type.String()),
    }),
  ),
  waitingSince: Nullable(Timestamp),
  lastMessage: Nullable(
    Type.Object({
      sender: Type.String({ description: 'buyer, agent, bot or system' }),
      kind: Type.String({ description: 'text, image, product, order or rating_request' }),
      text: Nullable(Type.String()),
      at: Timestamp,
    }),
  ),
  unread: Type.Integer({ minimum: 0 }),
  context: Nullable(ChatCard),
});
export const InboxSchema = Type.Object({ items: Type.Array(InboxItemSchema) });

export const ChatAgentSchema = Type.Object({
  userId: Id,
  login: Type.String(),
  displayName: Type.String(),
  role: Type.Union([Type.Literal('owner'), Type.Literal('staff')]),
  isAgent: Type.Boolean({ description: 'serves customers: the owner always, staff given the CS role' }),
  status: AgentStatusSchema,
  openSessions: Type.Integer({ minimum: 0 }),
  maxSessions: Type.Integer({ minimum: 1 }),
});
export const ChatAgentList = Type.Object({ items: Type.Array(ChatAgentSchema) });

export const AgentRoleBody = Type.Object(
  {
    isAgent: Type.Boolean(),
    maxSessions: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 })),
  },
  { additionalProperties: false },
);

export const StatusBody = Type.Object({ status: AgentStatusSchema }, { additionalProperties: false });
export const StatusResult = Type.Object({
  status: AgentStatusSchema,
  routed: Type.Integer({ minimum: 0, description: 'waiting conversations given to me as I came online' }),
});

export const TransferBody = Type.Object(
  { toAgentId: Id, note: Type.Optional(Type.String({ maxLength: 200 })) },
  { additionalProperties: false },
);

export const SessionStatusSchema = Type.Object({
  sessionId: Id,
  state: SessionStateSchema,
  agentId: Nullable(Id),
});

export const CannedReplySchema = Type.Object({
  id: Id,
  title: Type.String(),
  text: Type.String(),
  sort: Type.Integer(),
});
export const CannedReplyList = Type.Object({ items: Type.Array(CannedReplySchema) });
export const CannedReplyBody = Type.Object(
  {
    title: NonEmpty(30),
    text: NonEmpty(500),
    sort: Type.Optional(Type.Integer({ minimum: 0, maximum: 10_000 })),
  },
  { additionalProperties: false },
);

export const CustomerPanelSchema = Type.Object({
  buyer: Type.Object({ id: Id, displayName: Type.String(), firstContactAt: Timestamp }),
  orderCount: Type.Integer({ minimum: 0 }),
  orders: Type.Array(
    Type.Object({
      id: Id,
      state: Type.String(),
      totalFen: Fen,
      createdAt: Timestamp,
      title: Type.String(),
      imageUrl: Nullable(Type.String()),
    }),
  ),
  aftersales: Type.Array(
    Type.Object({
      id: Id,
      orderId: Id,
      type: Type.String(),
      reason: Type.String(),
      state: Type.String(),
      requestedFen: Fen,
      createdAt: Timestamp,
    }),
  ),
  sessions: Type.Array(
    Type.Object({
      id: Id,
      state: SessionStateSchema,
      agentName: Nullable(Type.String()),
      startedAt: Timestamp,
      closedAt: Nullable(Timestamp),
      closeReason: Nullable(Type.String()),
      rating: Nullable(Type.String()),
    }),
  ),
});
