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
    .leftJoin('chatSessions as s', (j) =>
      j.onRef('s.conversationId', '=', 'c.id').on('s.state', '<>', 'closed'),
    )
    .leftJoin('chatMessages as m', 'm.id', 'c.lastMessageId')
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
      'm.sender',
      'm.kind',
      'm.text',
      'm.visibility',
      'm.createdAt as messageAt',
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
  const refs = rows.flatMap((r) =>
    r.contextType && r.contextId ? [{ type: r.contextType as ContextType, id: r.contextId }] : [],
  );
  const cards = await cardsOf(db, refs);
  return rows.map((r) => {
    const heldFromShop = r.visibility === 'held' && r.sender === 'buyer';
    return {
      conversationId: r.id,
      buyer: { id: r.buyerId, displayName: r.buyerName },
      session:
        r.sessionId === null || r.state === null
          ? null
          : { id: r.sessionId, state: r.state, agentId: r.agentId, agentName: r.agentName },
      waitingSince: r.waitingSince ?? (r.state === 'queued' ? r.handedOffAt : null),
      lastMessage:
        r.sender === null || r.kind === null || r.messageAt === null || heldFromShop
          ? null
          : {
              sender: r.sender,
              kind: r.kind,
              text: r.text?.slice(0, PREVIEW_CHARS) ?? null,
              at: r.messageAt,
            },
      unread: r.shopUnread,
      context: r.contextType && r.contextId ? cardOf(cards, { type: r.contextType, id: r.contextId }) : null,
    };
  });
}
