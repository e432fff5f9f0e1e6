import type { Static } from '@sinclair/typebox';
import { sql } from 'kysely';
import type { Principal } from '../../platform/access.ts';
import type { Clock } from '../../platform/clock.ts';
import { type Executor, inTransaction } from '../../platform/db.ts';
import { invalidField } from '../../platform/errors.ts';
import { getProductSummary } from '../catalog/index.ts';
import { displayNames } from '../identity/index.ts';
import { sessionFacts } from '../live/index.ts';
import { orderCardFacts } from '../orders/index.ts';
import { getShop, shopNames } from '../shops/index.ts';
import type { ConversationList, ConversationSchema } from './chat.schema.ts';
import type { ContextType } from './chat.tables.ts';
import { type ConversationRow, conversationOfCaller } from './chat-access.ts';
import { publishChatEvent } from './chat-events.ts';
import { cardOf, cardsOf } from './message-view.ts';

export type ConversationView = Static<typeof ConversationSchema>;

/**
 * Whether the buyer may start a conversation with the shop about this: a product of the shop, a live
 * session the shop hosts, or the buyer's own order with the shop. 400 on `context.id` otherwise.
 */
async function checkContext(
  db: Executor,
  buyerId: number,
  shopId: number,
  context: { type: ContextType; id: number },
): Promise<void> {
  if (context.type === 'product') {
    const product = await getProductSummary(db, context.id);
    if (product?.shopId !== shopId) throw invalidField('context.id', 'not a product of this shop');
  } else if (context.type === 'live') {
    const session = await sessionFacts(db, context.id);
    if (session?.shopId !== shopId) throw invalidField('context.id', 'not a live session of this shop');
  } else {
    const [order] = await orderCardFacts(db, [context.id]);
    if (order?.buyerId !== buyerId || order.shopId !== shopId) {
      throw invalidField('context.id', 'not your order with this shop');
    }
  }
}

/**
 * Opens the buyer's conversation with the shop, or reuses it (one per buyer and shop); a context
 * replaces the card on top (what the buyer is asking about now). Both sides hear a changed card.
 */
export async function openConversation(
  db: Executor,
  clock: Clock,
  principal: Principal,
  input: { shopId: number; context?: { type: ContextType; id: number } },
): Promise<ConversationView> {
  await getShop(db, input.shopId);
  if (input.context) await checkContext(db, principal.userId, input.shopId, input.context);
  const now = clock.now();
  const id = await inTransaction(db, async (tx) => {
    const row = await tx
      .insertInto('chatConversations')
      .values({
        shopId: input.shopId,
        buyerId: principal.userId,
        contextType: input.context?.type ?? null,
        contextId: input.context?.id ?? null,
        lastMessageAt: now,
        createdAt: now,
      })
      .onConflict((oc) =>
        oc.columns(['shopId', 'buyerId']).doUpdateSet(
          input.context
            ? { contextType: input.context.type, contextId: input.context.id }
            : // a no-op update so that the row is returned
              { shopId: (eb) => eb.ref('excluded.shopId') },
        ),
      )
      .returning(['id', 'shopId', 'buyerId'])
      .executeTakeFirstOrThrow();
    if (input.context) {
      await publishChatEvent(tx, { conversationId: row.id, ...row, type: 'conversation' });
    }
    return row.id;
  });
  return getConversation(db, principal, id);
}

/** The conversation's header: both parties, the context card, unread and read receipts, the open session. */
export async function getConversation(
  db: Executor,
  principal: Principal,
  conversationId: number,
): Promise<ConversationView> {
  const { conversation, side } = await conversationOfCaller(db, principal, conversationId);
  return conversationView(db, conversation, side);
}

export async function conversationView(
  db: Executor,
  c: ConversationRow,
  side: 'buyer' | 'shop',
): Promise<ConversationView> {
  const ref = c.contextType && c.contextId ? { type: c.contextType, id: c.contextId } : null;
  const [shops, buyers, cards, session] = await Promise.all([
    shopNames(db, [c.shopId]),
    displayNames(db, [c.buyerId]),
    ref ? cardsOf(db, [ref]) : Promise.resolve(new Map()),
    db
      .selectFrom('chatSessions')
      .select(['id', 'state', 'agentId'])
      .where('conversationId', '=', c.id)
      .where('state', '<>', 'closed')
      .executeTakeFirst(),
  ]);
  return {
    id: c.id,
    shopId: c.shopId,
    shopName: shops.get(c.shopId) ?? '',
    buyerId: c.buyerId,
    buyerName: buyers.get(c.buyerId) ?? '',
    context: cardOf(cards, ref),
    unread: side === 'buyer' ? c.buyerUnread : c.shopUnread,
    otherReadId: side === 'buyer' ? c.shopReadId : c.buyerReadId,
    readId: side === 'buyer' ? c.buyerReadId : c.shopReadId,
    lastMessageId: c.lastMessageId,
    lastMessageAt: c.lastMessageAt,
    waitingSince: c.waitingSince,
    session: session ?? null,
    side,
  };
}

/** The buyer's conversations, latest first, with the last visible message and unread counts. */
export async function listBuyerConversations(
  db: Executor,
  buyerId: number,
  limit = 50,
): Promise<Static<typeof ConversationList>> {
  const rows = await db
    .selectFrom('chatConversations as c')
    .leftJoin('chatMessages as m', 'm.id', 'c.lastMessageId')
    .select(['c.id', 'c.shopId', 'c.buyerUnread', 'c.lastMessageAt', 'm.sender', 'm.kind', 'm.text'])
    .where('c.buyerId', '=', buyerId)
    .orderBy('c.lastMessageAt', 'desc')
    .orderBy('c.id', 'desc')
    .limit(limit)
    .execute();
  const [names, total] = await Promise.all([
    shopNames(
      db,
      rows.map((r) => r.shopId),
    ),
    db
      .selectFrom('chatConversations')
      .select(sql<number>`coalesce(sum(buyer_unread), 0)::int`.as('n'))
      .where('buyerId', '=', buyerId)
      .executeTakeFirstOrThrow(),
  ]);
  return {
    items: rows.map((r) => ({
      id: r.id,
      shopId: r.shopId,
      shopName: names.get(r.shopId) ?? '',
      unread: r.buyerUnread,
      lastMessageAt: r.lastMessageAt,
      lastMessage: r.sender && r.kind ? { sender: r.sender, kind: r.kind, text: r.text } : null,
    })),
    unread: total.n,
  };
}

/**
 * The caller's side has read up to `upToId` (capped at the last message): its unread count becomes
 * the other side's visible messages after it, and the other side hears the receipt (已读).
 * A read receipt never goes back.
 */
export async function markRead(
  db: Executor,
  principal: Principal,
  conversationId: number,
  upToId: number,
): Promise<{ readId: number; unread: number }> {
  const { conversation, side } = await conversationOfCaller(db, principal, conversationId);
  const others = side === 'buyer' ? ['agent', 'bot', 'system'] : ['buyer'];
  return inTransaction(db, async (tx) => {
    const readColumn = side === 'buyer' ? 'buyer_read_id' : 'shop_read_id';
    const unreadColumn = side === 'buyer' ? 'buyer_unread' : 'shop_unread';
    const { rows } = await sql<{ readId: number; unread: number; changed: boolean }>`
      with before as (select ${sql.ref(readColumn)} as read_id from chat_conversations where id = ${conversationId} for update)
      update chat_conversations c set
        ${sql.ref(readColumn)} = greatest(c.${sql.ref(readColumn)}, least(${upToId}, coalesce(c.last_message_id, 0))),
        ${sql.ref(unreadColumn)} = (
          select count(*)::int from chat_messages m
          where m.conversation_id = c.id and m.visibility = 'visible' and m.sender in (${sql.join(others)})
            and m.id > greatest(c.${sql.ref(readColumn)}, least(${upToId}, coalesce(c.last_message_id, 0))))
      from before
      where c.id = ${conversationId}
      returning c.${sql.ref(readColumn)} as read_id, c.${sql.ref(unreadColumn)} as unread,
        c.${sql.ref(readColumn)} <> before.read_id as changed`.execute(tx);
    const row = rows[0]!;
    if (row.changed) {
      await publishChatEvent(tx, {
        type: 'read',
        conversationId,
        shopId: conversation.shopId,
        buyerId: conversation.buyerId,
        side,
        readId: row.readId,
      });
    }
    return { readId: row.readId, unread: row.unread };
  });
}
