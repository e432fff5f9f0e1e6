import { sql } from 'kysely';
import type { Executor, Tx } from '../../platform/db.ts';
import type { MessageKind, MessageVisibility, Sender } from './chat.tables.ts';
import { publishChatEvent } from './chat-events.ts';
import { type MessageRow, type MessageView, messageColumns, messageViews } from './message-view.ts';

/** A message as the services post it (the buyer's and agents' after screening, the bot's, the system's). */
export interface NewMessage {
  conversationId: number;
  sessionId: number | null;
  sender: Sender;
  senderId: number | null;
  kind: MessageKind;
  text?: string | null;
  fileId?: number | null;
  productId?: number | null;
  orderId?: number | null;
  intent?: string | null;
  visibility?: MessageVisibility;
  decisionId?: number | null;
  holdReason?: string | null;
  /** An id taken beforehand (`reserveMessageId`), so that the content gate's decision names the message. */
  id?: number;
}

/** Takes the next message id, for a message screened before it is written. */
export async function reserveMessageId(tx: Tx): Promise<number> {
  const { rows } = await sql<{ id: number }>`select nextval('chat_messages_id_seq') as id`.execute(tx);
  return rows[0]!.id;
}

/**
 * Writes a message in `tx` and keeps the conversation's last message, unread counts and waiting time
 * true; both sides hear it live after commit (a held message only its sender's side).
 * - a buyer's visible message: the shop's unread +1; the conversation waits from then (if not already);
 * - an agent's: the buyer's unread +1 and nobody waits any more (a person answered);
 * - the bot's and the system's: the buyer's unread +1 (the buyer still waits for a person, if they did).
 */
export async function postMessage(tx: Tx, message: NewMessage, now: Date): Promise<number> {
  return (await postMessageView(tx, message, now)).id;
}

/** `postMessage`, answering the message as the API shows it (what its sender gets back). */
export async function postMessageView(tx: Tx, message: NewMessage, now: Date): Promise<MessageView> {
  const visibility = message.visibility ?? 'visible';
  const row = await tx
    .insertInto('chatMessages')
    .values({
      ...(message.id === undefined ? {} : { id: message.id }),
      conversationId: message.conversationId,
      sessionId: message.sessionId,
      sender: message.sender,
      senderId: message.senderId,
      kind: message.kind,
      text: message.text ?? null,
      fileId: message.fileId ?? null,
      productId: message.productId ?? null,
      orderId: message.orderId ?? null,
      intent: message.intent ?? null,
      visibility,
      decisionId: message.decisionId ?? null,
      holdReason: message.holdReason ?? null,
      createdAt: now,
    } as never)
    .returning(messageColumns)
    .executeTakeFirstOrThrow();
  const parties =
    visibility === 'visible'
      ? await countVisible(tx, row.conversationId, row.id, message.sender, now)
      : await tx
          .selectFrom('chatConversations')
          .select(['shopId', 'buyerId'])
          .where('id', '=', row.conversationId)
          .executeTakeFirstOrThrow();
  const [view] = await messageViews(tx, [row as MessageRow]);
  const to = visibility === 'visible' ? 'both' : message.sender === 'buyer' ? 'buyer' : 'shop';
  await publishChatEvent(tx, {
    type: 'message',
    conversationId: row.conversationId,
    ...parties,
    message: view!,
    to,
  });
  return view!;
}

async function countVisible(tx: Tx, conversationId: number, messageId: number, sender: Sender, now: Date) {
  const fromBuyer = sender === 'buyer';
  return tx
    .updateTable('chatConversations')
    .set((eb) => ({
      lastMessageId: messageId,
      lastMessageAt: now,
      ...(fromBuyer
        ? {
            shopUnread: eb('shopUnread', '+', 1),
            waitingSince: eb.fn.coalesce('waitingSince', eb.val(now)),
          }
        : { buyerUnread: eb('buyerUnread', '+', 1) }),
      ...(sender === 'agent' ? { waitingSince: null } : {}),
    }))
    .where('id', '=', conversationId)
    .returning(['shopId', 'buyerId'])
    .executeTakeFirstOrThrow();
}

/** Who writes for each side: a side sees its own held messages, never the other's. */
export const SIDE_SENDERS = { buyer: ['buyer'], shop: ['agent'] } as const satisfies Record<
  'buyer' | 'shop',
  readonly Sender[]
>;

/** A page of the conversation's history, oldest first, as `side` may see it. */
export async function listMessages(
  db: Executor,
  conversationId: number,
  side: 'buyer' | 'shop',
  page: { before?: number; limit: number },
): Promise<{ items: MessageView[]; hasMore: boolean }> {
  let query = db
    .selectFrom('chatMessages')
    .select(messageColumns)
    .where('conversationId', '=', conversationId)
    .where((eb) => eb.or([eb('visibility', '=', 'visible'), eb('sender', 'in', [...SIDE_SENDERS[side]])]))
    .orderBy('id', 'desc')
    .limit(page.limit + 1);
  if (page.before !== undefined) query = query.where('id', '<', page.before);
  const rows = (await query.execute()) as MessageRow[];
  const hasMore = rows.length > page.limit;
  const items = await messageViews(db, rows.slice(0, page.limit).reverse());
  return { items, hasMore };
}
