import { sql } from 'kysely';
import type { Principal } from '../../platform/access.ts';
import type { Executor } from '../../platform/db.ts';
import { displayNameOf } from '../identity/index.ts';
import type { ContextType, MessageKind, Sender, SessionState } from './chat.tables.ts';
import { requireShopAgent } from './chat-access.ts';
import { type Card, cardOf, cardsOf } from './message-view.ts';

export type InboxFilter = 'waiting' | 'mine' | 'all';

export interface InboxItem {
  conversationId: number;
  buyer: { id: number; displayName: string };
  /** The open session (null when the conversation has none). */
  session: { id: number; state: SessionState; agentId: number | null; agentName: string | null } | null;
  /** Since when a buyer has waited for a person's answer (queued: since the hand-off). */
  waitingSince: Date | null;
  lastMessage: { sender: Sender; kind: MessageKind; text: string | null; at: Date } | null;
  unread: number;
  context: Card | null;
}

const PREVIEW_CHARS = 80;

/**
 * The workstation's inbox (product rules §8.2), longest waiting first, then the latest message:
 * 'waiting' — queued for a person and nobody has it (待接入); 'mine' — the caller serves it; 'all' —
 * every conversation of the shop. A buyer's held message is never shown to the shop.
 */
export async function shopInbox(
  db: Executor,
  principal: Principal,
  shopId: number,
  filter: InboxFilter,
  limit: number,
): Promise<InboxItem[]> {
  await requireShopAgent(db, principal, shopId);
  const rows = await db
    .selectFrom('chatConversations as c')
    // The shop's open sessions only: the partial indexes on (shop_id, …) of open and queued sessions
    // serve 待接入 and 我的 without reading the shop's other conversations.
    .leftJoin('chatSessions as s', (j) =>
      j.onRef('s.conversationId', '=', 'c.id').on('s.state', '<>', 'closed').on('s.shopId', '=', shopId),
    )
    .select([
      'c.id',
      'c.buyerId',
      'c.contextType',
      'c.contextId',
      'c.waitingSince',
      'c.shopUnread',
      's.id as sessionId',
      's.state',
      's.agentId',
      's.handedOffAt',
      'c.lastMessageId',
    ])
    .select((eb) => [
      displayNameOf(eb.ref('c.buyerId')).as('buyerName'),
      displayNameOf(sql<number>`coalesce(${eb.ref('s.agentId')}, 0)`).as('agentName'),
    ])
    .where('c.shopId', '=', shopId)
    .$if(filter === 'waiting', (q) => q.where('s.state', '=', 'queued'))
    .$if(filter === 'mine', (q) =>
      q.where('s.state', '=', 'serving').where('s.agentId', '=', principal.userId),
    )
    .orderBy(sql`coalesce(c.waiting_since, s.handed_off_at) asc nulls last`)
    .orderBy('c.lastMessageAt', 'desc')
    .orderBy('c.id', 'desc')
    .limit(limit)
    .execute();
  // The page's last messages by primary key, after the page is cut: joined before the sort and limit,
  // PostgreSQL would hash the whole message table (1M rows: 130 ms; measured in the bench's shape).
  const lastIds = rows.flatMap((r) => (r.lastMessageId === null ? [] : [r.lastMessageId]));
  const messages =
    lastIds.length === 0
      ? []
      : await db
          .selectFrom('chatMessages')
          .select(['id', 'sender', 'kind', 'text', 'visibility', 'createdAt'])
          .where('id', 'in', lastIds)
          .execute();
  const messageBy = new Map(messages.map((m) => [m.id, m]));
  const refs = rows.flatMap((r) =>
    r.contextType && r.contextId ? [{ type: r.contextType as ContextType, id: r.contextId }] : [],
  );
  const cards = await cardsOf(db, refs);
  return rows.map((r) => {
    const m = r.lastMessageId === null ? undefined : messageBy.get(r.lastMessageId);
    const heldFromShop = m?.visibility === 'held' && m.sender === 'buyer';
    return {
      conversationId: r.id,
      buyer: { id: r.buyerId, displayName: r.buyerName },
      session:
        r.sessionId === null || r.state === null
          ? null
          : { id: r.sessionId, state: r.state, agentId: r.agentId, agentName: r.agentName },
      waitingSince: r.waitingSince ?? (r.state === 'queued' ? r.handedOffAt : null),
      lastMessage:
        m === undefined || heldFromShop
          ? null
          : {
              sender: m.sender,
              kind: m.kind,
              text: m.text?.slice(0, PREVIEW_CHARS) ?? null,
              at: m.createdAt,
            },
      unread: r.shopUnread,
      context: r.contextType && r.contextId ? cardOf(cards, { type: r.contextType, id: r.contextId }) : null,
    };
  });
}

/**
 * What waits for the shop's customer service (the merchant home's to-do): buyers queued for a person
 * that nobody has taken (the inbox's 待接入), and since when the longest of them has waited.
 */
export async function chatToDo(
  db: Executor,
  shopId: number,
): Promise<{ waiting: number; longestWaitingSince: Date | null }> {
  const row = await db
    .selectFrom('chatSessions as s')
    .innerJoin('chatConversations as c', 'c.id', 's.conversationId')
    .select((eb) => [
      eb.fn.countAll<number>().as('waiting'),
      sql<Date | null>`min(coalesce(${eb.ref('c.waitingSince')}, ${eb.ref('s.handedOffAt')}))`.as('since'),
    ])
    .where('s.shopId', '=', shopId)
    .where('s.state', '=', 'queued')
    .executeTakeFirstOrThrow();
  return { waiting: Number(row.waiting), longestWaitingSince: row.since };
}
