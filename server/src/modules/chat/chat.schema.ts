import { Type } from '@sinclair/typebox';
import { Fen, Id, Timestamp } from '../../platform/schemas.ts';

const NullableString = Type.Union([Type.String(), Type.Null()]);

/** A product, live room or order shown as a card (the context card, or a card sent in a message). */
export const ChatCard = Type.Object({
  type: Type.Union([Type.Literal('product'), Type.Literal('live'), Type.Literal('order')]),
  id: Id,
  title: Type.String(),
  imageUrl: Type.Union([Type.String(), Type.Null()]),
  /** product: lowest SKU price; order: the total paid; live: null */
  amountFen: Type.Union([Fen, Type.Null()]),
  /** order: the units over its lines; null for the others */
  itemCount: Type.Union([Type.Integer(), Type.Null()]),
  /** the product's, order's or live session's state, as its module names it */
  state: Type.String(),
});

export const MessageViewSchema = Type.Object({
  id: Id,
  conversationId: Id,
  sessionId: Type.Union([Id, Type.Null()]),
  sender: Type.Union([
    Type.Literal('buyer'),
    Type.Literal('agent'),
    Type.Literal('bot'),
    Type.Literal('system'),
  ]),
  senderId: Type.Union([Id, Type.Null()]),
  kind: Type.Union([
    Type.Literal('text'),
    Type.Literal('image'),
    Type.Literal('product'),
    Type.Literal('order'),
    Type.Literal('rating_request'),
  ]),
  text: NullableString,
  fileId: Type.Union([Id, Type.Null()]),
  card: Type.Union([ChatCard, Type.Null()]),
  /** held by the content gate: only its sender's side sees it, with the reason */
  held: Type.Boolean(),
  holdReason: NullableString,
  intent: NullableString,
  createdAt: Timestamp,
});

export const ContextInput = Type.Object(
  {
    type: Type.Union([Type.Literal('product'), Type.Literal('live'), Type.Literal('order')]),
    id: Id,
  },
  { additionalProperties: false },
);

export const OpenConversationBody = Type.Object(
  { shopId: Id, context: Type.Optional(ContextInput) },
  { additionalProperties: false },
);

const SessionInfo = Type.Object({
  id: Id,
  state: Type.Union([
    Type.Literal('bot'),
    Type.Literal('queued'),
    Type.Literal('serving'),
    Type.Literal('closed'),
  ]),
  agentId: Type.Union([Id, Type.Null()]),
});

export const ConversationSchema = Type.Object({
  id: Id,
  shopId: Id,
  shopName: Type.String(),
  buyerId: Id,
  buyerName: Type.String(),
  context: Type.Union([ChatCard, Type.Null()]),
  /** unread messages of the caller's side */
  unread: Type.Integer({ minimum: 0 }),
  /** the last message the other side has read: the caller's messages up to it show 已读 */
  otherReadId: Type.Integer({ minimum: 0 }),
  /** the last message the caller's side has read */
  readId: Type.Integer({ minimum: 0 }),
  lastMessageId: Type.Union([Id, Type.Null()]),
  lastMessageAt: Timestamp,
  waitingSince: Type.Union([Timestamp, Type.Null()]),
  /** the open session (bot, queued or serving), null when none is open */
  session: Type.Union([SessionInfo, Type.Null()]),
  /** which side the caller is on */
  side: Type.Union([Type.Literal('buyer'), Type.Literal('shop')]),
});

export const ConversationListItem = Type.Object({
  id: Id,
  shopId: Id,
  shopName: Type.String(),
  unread: Type.Integer({ minimum: 0 }),
  lastMessageAt: Timestamp,
  lastMessage: Type.Union([
    Type.Object({
      sender: MessageViewSchema.properties.sender,
      kind: MessageViewSchema.properties.kind,
      text: NullableString,
    }),
    Type.Null(),
  ]),
});

export const ConversationList = Type.Object({
  items: Type.Array(ConversationListItem),
  /** unread messages over every conversation */
  unread: Type.Integer({ minimum: 0 }),
});

export const MessagesQuery = Type.Object({
  before: Type.Optional(Id),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 30 })),
});

export const MessagePage = Type.Object({
  /** oldest first */
  items: Type.Array(MessageViewSchema),
  /** more, older messages exist before the first */
  hasMore: Type.Boolean(),
});

export const MAX_TEXT = 1_000;

export const SendMessageBody = Type.Object(
  {
    kind: Type.Union([
      Type.Literal('text'),
      Type.Literal('image'),
      Type.Literal('product'),
      Type.Literal('order'),
    ]),
    text: Type.Optional(Type.String({ minLength: 1, maxLength: MAX_TEXT })),
    fileId: Type.Optional(Id),
    productId: Type.Optional(Id),
    orderId: Type.Optional(Id),
  },
  { additionalProperties: false },
);

export const ReadBody = Type.Object({ upToId: Id }, { additionalProperties: false });
export const ReadResult = Type.Object({ readId: Type.Integer({ minimum: 0 }), unread: Type.Integer() });
