import type { Executor, Tx } from '../../platform/db.ts';
import { busKind, notify } from '../../platform/pubsub.ts';
import type { MessageView } from './message-view.ts';

/** LISTEN/NOTIFY channel of chat changes: every process forwards them to its own streams. */
export const CHAT_EVENTS_CHANNEL = 'chat_events';

/** A change of a conversation other than a new message: a session moved, the context card changed. */
export type ConversationEvent =
  | { type: 'session'; sessionId: number; state: string; agentId: number | null }
  | { type: 'conversation' };

/**
 * What travels between processes. Each carries the conversation's two parties so that a process
 * routes it to the buyer's streams and the shop's streams without reading the database.
 * A held message goes only to its sender's side (`to`).
 */
export type ChatEvent = { conversationId: number; shopId: number; buyerId: number } & (
  | { type: 'message'; message: MessageView; to: 'both' | 'buyer' | 'shop' }
  | { type: 'read'; side: 'buyer' | 'shop'; readId: number }
  | ConversationEvent
);

// NOTIFY payloads are capped at 8,000 bytes; a larger message travels as a pointer and is read by
// each process. Over NATS (messages up to 1 MB) every message travels whole: nothing is read.
const MAX_PAYLOAD_BYTES = 7_500;

/** Publishes `event` in the transaction making the change: delivered on commit, never on rollback. */
export async function publishChatEvent(tx: Executor, event: ChatEvent): Promise<void> {
  let payload = JSON.stringify(event);
  if (
    event.type === 'message' &&
    Buffer.byteLength(payload) > MAX_PAYLOAD_BYTES &&
    busKind(tx) === 'postgres'
  ) {
    payload = JSON.stringify({ ...event, message: { id: event.message.id, large: true } });
  }
  await notify(tx, CHAT_EVENTS_CHANNEL, payload);
}

/**
 * Tells both parties of a conversation, after commit, that something about it changed (a session
 * was queued, taken, transferred or closed; the context card changed). For the other chat parts.
 */
export async function notifyConversation(
  tx: Tx,
  conversationId: number,
  event: ConversationEvent,
): Promise<void> {
  const parties = await tx
    .selectFrom('chatConversations')
    .select(['shopId', 'buyerId'])
    .where('id', '=', conversationId)
    .executeTakeFirst();
  if (!parties) return;
  await publishChatEvent(tx, { conversationId, ...parties, ...event });
}
