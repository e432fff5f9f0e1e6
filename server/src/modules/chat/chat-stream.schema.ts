import { Type } from '@sinclair/typebox';
import { Id } from '../../platform/schemas.ts';
import { MessageViewSchema } from './chat.schema.ts';

const event = <N extends string, D extends ReturnType<typeof Type.Object>>(name: N, data: D) =>
  Type.Object({ event: Type.Literal(name), data });

/** One message of the chat streams (GET /chat/stream, GET /shops/:id/chat/stream) as {event, data}. */
export const ChatStreamSchema = Type.Union([
  event('snapshot', Type.Object({ unread: Type.Integer({ minimum: 0 }) })),
  event('message', Type.Object({ conversationId: Id, message: MessageViewSchema })),
  event(
    'read',
    Type.Object({
      conversationId: Id,
      side: Type.Union([Type.Literal('buyer'), Type.Literal('shop')]),
      readId: Type.Integer({ minimum: 0 }),
    }),
  ),
  event(
    'session',
    Type.Object({
      conversationId: Id,
      sessionId: Id,
      state: Type.String(),
      agentId: Type.Union([Id, Type.Null()]),
    }),
  ),
  event('conversation', Type.Object({ conversationId: Id })),
]);
