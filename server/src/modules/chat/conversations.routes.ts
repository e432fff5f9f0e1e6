import type { AppContext } from '../../platform/context.ts';
import type { App } from '../../platform/http.ts';
import { type AnyRouteSpec, registerRoutes, route } from '../../platform/route-spec.ts';
import { IdParams } from '../../platform/schemas.ts';
import type { ContentGate } from '../content/index.ts';
import {
  ConversationList,
  ConversationSchema,
  MessagePage,
  MessagesQuery,
  MessageViewSchema,
  OpenConversationBody,
  ReadBody,
  ReadResult,
  SendMessageBody,
} from './chat.schema.ts';
import { conversationOfCaller, requireShopAgent } from './chat-access.ts';
import { ChatHub } from './chat-hub.ts';
import { ChatStreamSchema } from './chat-stream.schema.ts';
import {
  getConversation,
  listBuyerConversations,
  markRead,
  openConversation,
} from './conversations.service.ts';
import { listMessages } from './messages.service.ts';
import { sendMessage } from './send-message.ts';
import { streamSnapshot } from './stream-snapshot.ts';

const buyers = { kinds: ['buyer'] } as const;
// The buyer (buyer account) or an agent of the shop (merchant account); the use case tells which.
const parties = { kinds: ['buyer', 'merchant'] } as const;

/**
 * Conversations between buyers and shops, their messages, read receipts and the two event streams
 * (product rules §8.1). Every text passes `gate` (the content checkpoint, surface chat_message).
 */
export async function chatConversationRoutes(app: App, ctx: AppContext, gate: ContentGate): Promise<ChatHub> {
  const hub = new ChatHub(ctx.db, ctx.pubsub);
  app.addHook('preClose', async () => hub.close());
  app.addHook('onClose', async () => hub.close());
  registerRoutes(app, ['chat'], chatRouteTable(ctx, gate));
  registerStreams(app, ctx, hub);
  return hub;
}

function chatRouteTable({ db, clock }: AppContext, gate: ContentGate): AnyRouteSpec[] {
  const deps = { db, clock, gate };
  return [
    route({
      method: 'POST',
      url: '/chat/conversations',
      access: buyers,
      summary: 'Open (or reuse) my conversation with a shop, about a product, live session or my order',
      description:
        'One conversation per buyer and shop. `context` sets the card shown on top: a product of the shop, a live session the shop hosts, or your own order with the shop (400 naming `context.id` otherwise). 404 for an unknown shop.',
      body: OpenConversationBody,
      response: { 200: ConversationSchema },
      handler: async ({ principal, body }) => openConversation(db, clock, principal, body),
    }),
    route({
      method: 'GET',
      url: '/chat/conversations',
      access: buyers,
      summary: 'My conversations with shops, latest first, with unread counts',
      response: { 200: ConversationList },
      handler: async ({ principal }) => listBuyerConversations(db, principal.userId),
    }),
    route({
      method: 'GET',
      url: '/chat/conversations/:id',
      access: parties,
      summary: "A conversation's header: parties, context card, unread, read receipts, open session",
      description: 'For its buyer or an agent of its shop; 404 for anyone else.',
      params: IdParams,
      response: { 200: ConversationSchema },
      handler: async ({ principal, params }) => getConversation(db, principal, params.id),
    }),
    route({
      method: 'GET',
      url: '/chat/conversations/:id/messages',
      access: parties,
      summary: 'A page of the history, oldest first (`before` a message id for older ones)',
      description:
        'Held messages (the content gate found off-platform contact) are shown only to their sender’s side, with `held: true`.',
      params: IdParams,
      querystring: MessagesQuery,
      response: { 200: MessagePage },
      handler: async ({ principal, params, query }) => {
        const { side } = await conversationOfCaller(db, principal, params.id);
        return listMessages(db, params.id, side, { before: query.before, limit: query.limit ?? 30 });
      },
    }),
    route({
      method: 'POST',
      url: '/chat/conversations/:id/messages',
      access: parties,
      summary: 'Send a message: text, an image (your upload), a product card or an order card',
      description: [
        'The buyer, or an agent of the shop (its owner, or staff with the CS role: 403 otherwise).',
        'text → `text`; image → `fileId` (one of your uploads, POST /evidence-files); product → `productId` (a product of the shop); order → `orderId` (an order between this buyer and this shop).',
        'Texts pass the content gate: off-platform contact is held (`held: true`), kept and shown only to the sender, never delivered.',
        `At most 30 messages a minute per sender and conversation (429 with Retry-After).`,
      ].join('\n'),
      params: IdParams,
      body: SendMessageBody,
      status: 201,
      response: { 201: MessageViewSchema },
      handler: async ({ principal, params, body }) => sendMessage(deps, principal, params.id, body),
    }),
    route({
      method: 'POST',
      url: '/chat/conversations/:id/read',
      access: parties,
      summary: 'Mark the other side’s messages read up to a message (read receipt, 已读)',
      params: IdParams,
      body: ReadBody,
      response: { 200: ReadResult },
      handler: async ({ principal, params, body }) => markRead(db, principal, params.id, body.upToId),
    }),
  ];
}

const STREAM_DESCRIPTION = [
  'A `text/event-stream` that stays open (send the bearer token; read it with fetch). Works across server processes (PostgreSQL LISTEN/NOTIFY).',
  '- `snapshot` — first on every (re)connection: `{unread}`;',
  '- `message` — `{conversationId, message}` a new message (held ones only to their sender’s side);',
  '- `read` — `{conversationId, side, readId}` a side read up to a message;',
  '- `session` — `{conversationId, sessionId, state, agentId}` the session moved;',
  '- `conversation` — `{conversationId}` its context card changed: read it again.',
  'A `: heartbeat` comment comes every 15 s.',
].join('\n');

function registerStreams(app: App, { db }: AppContext, hub: ChatHub): void {
  const schema = (summary: string, params?: typeof IdParams) => ({
    tags: ['chat'],
    summary,
    description: STREAM_DESCRIPTION,
    ...(params ? { params } : {}),
    response: {
      200: {
        description: 'the event stream (the schema describes each message as {event, data})',
        content: { 'text/event-stream': { schema: ChatStreamSchema } },
      },
    },
  });
  app.get(
    '/chat/stream',
    { config: { access: buyers }, schema: schema('My conversations as server-sent events (buyer)') },
    async (request, reply) => {
      const buyerId = request.principal!.userId;
      await hub.open(
        { side: 'buyer', buyerId },
        reply.raw,
        () => reply.hijack(),
        () => streamSnapshot(db, { side: 'buyer', buyerId }),
      );
      return reply;
    },
  );
  app.get(
    '/shops/:id/chat/stream',
    {
      config: { access: { kinds: ['merchant'] } },
      schema: schema("The shop's conversations as server-sent events (its agents)", IdParams),
    },
    async (request, reply) => {
      const shopId = (request.params as { id: number }).id;
      await requireShopAgent(db, request.principal!, shopId);
      await hub.open(
        { side: 'shop', shopId },
        reply.raw,
        () => reply.hijack(),
        () => streamSnapshot(db, { side: 'shop', shopId }),
      );
      return reply;
    },
  );
}
