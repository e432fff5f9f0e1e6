import { sql } from 'kysely';
import type { Principal } from '../../platform/access.ts';
import type { Executor } from '../../platform/db.ts';
import { notFound } from '../../platform/errors.ts';
import { requestsOfOrders } from '../aftersales/index.ts';
import { displayNameOf } from '../identity/index.ts';
import { searchShopOrders } from '../orders/index.ts';
import { conversationOfCaller } from './chat-access.ts';
import { cardOf, cardsOf } from './message-view.ts';

const ORDERS_SHOWN = 20;
const SESSIONS_SHOWN = 10;

/**
 * The customer panel beside a conversation (product rules §8.2), for an agent of its shop: the buyer's
 * orders with this shop (newest first), their after-sales requests, and the conversation's past
 * sessions with who served them and the rating. The buyer's side gets 404.
 */
export async function customerPanel(db: Executor, principal: Principal, conversationId: number) {
  const { conversation, side } = await conversationOfCaller(db, principal, conversationId);
  if (side !== 'shop') throw notFound('conversation', conversationId);
  const { shopId, buyerId } = conversation;
  const [orders, buyer, sessions] = await Promise.all([
    searchShopOrders(db, { shopId, buyerIds: [buyerId] }, { limit: ORDERS_SHOWN, offset: 0 }),
    db
      .selectFrom('chatConversations as c')
      .select((eb) => [displayNameOf(eb.ref('c.buyerId')).as('displayName'), 'c.createdAt'])
      .where('c.id', '=', conversationId)
      .executeTakeFirstOrThrow(),
    db
      .selectFrom('chatSessions as s')
      .select(['s.id', 's.state', 's.agentId', 's.startedAt', 's.closedAt', 's.closeReason', 's.rating'])
      .select((eb) => displayNameOf(sql<number>`coalesce(${eb.ref('s.agentId')}, 0)`).as('agentName'))
      .where('s.conversationId', '=', conversationId)
      .orderBy('s.id', 'desc')
      .limit(SESSIONS_SHOWN)
      .execute(),
  ]);
  const orderIds = orders.items.map((o) => o.id);
  const [cards, requests] = await Promise.all([
    cardsOf(
      db,
      orderIds.map((id) => ({ type: 'order' as const, id })),
    ),
    requestsOfOrders(db, orderIds),
  ]);
  return {
    buyer: { id: buyerId, displayName: buyer.displayName, firstContactAt: buyer.createdAt },
    orderCount: orders.total,
    orders: orders.items.map((o) => ({
      id: o.id,
      state: o.state,
      totalFen: o.totalFen,
      createdAt: o.createdAt,
      title: cardOf(cards, { type: 'order', id: o.id })?.title ?? '',
      imageUrl: cardOf(cards, { type: 'order', id: o.id })?.imageUrl ?? null,
    })),
    aftersales: requests
      .map((r) => ({
        id: r.id,
        orderId: r.orderId,
        type: r.type,
        reason: r.reason,
        state: r.state,
        requestedFen: r.requestedFen,
        createdAt: r.createdAt,
      }))
      .reverse(),
    sessions: sessions.map((s) => ({
      id: s.id,
      state: s.state,
      agentName: s.agentId === null ? null : s.agentName,
      startedAt: s.startedAt,
      closedAt: s.closedAt,
      closeReason: s.closeReason,
      rating: s.rating,
    })),
  };
}

export type CustomerPanel = Awaited<ReturnType<typeof customerPanel>>;
