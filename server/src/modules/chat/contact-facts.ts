import { sql } from 'kysely';
import type { Executor } from '../../platform/db.ts';

export interface BuyerContact {
  buyerId: number;
  shopId: number;
  sessionId: number | null;
  at: Date;
}

/**
 * The messages buyers wrote to shops (visible or held back: either way the buyer reached out), for
 * care's "contacted the shop" rule: for each (buyer, shop, since) asked, the buyer's own messages sent
 * at or after `since`, oldest first. One statement for the whole batch.
 */
export async function buyerContactsSince(
  db: Executor,
  pairs: readonly { buyerId: number; shopId: number; since: Date }[],
): Promise<BuyerContact[]> {
  if (pairs.length === 0) return [];
  const result = await sql<BuyerContact>`
    select c.buyer_id as "buyerId", c.shop_id as "shopId", m.session_id as "sessionId", m.created_at as "at"
    from unnest(${pairs.map((p) => p.buyerId)}::bigint[], ${pairs.map((p) => p.shopId)}::bigint[],
                ${pairs.map((p) => p.since.toISOString())}::timestamptz[]) as p(buyer_id, shop_id, since)
    join chat_conversations c on c.buyer_id = p.buyer_id and c.shop_id = p.shop_id
    join chat_messages m on m.conversation_id = c.id and m.sender = 'buyer' and m.created_at >= p.since
    order by c.buyer_id, c.shop_id, m.id`.execute(db);
  return result.rows;
}

/** The latest messages between a buyer and a shop (held ones marked), oldest first, for an ops story. */
export async function conversationExcerpt(db: Executor, buyerId: number, shopId: number, limit = 30) {
  const rows = await db
    .selectFrom('chatMessages as m')
    .innerJoin('chatConversations as c', 'c.id', 'm.conversationId')
    .select([
      'm.id',
      'm.sessionId',
      'm.sender',
      'm.kind',
      'm.text',
      'm.productId',
      'm.orderId',
      'm.visibility',
      'm.createdAt',
    ])
    .where('c.buyerId', '=', buyerId)
    .where('c.shopId', '=', shopId)
    .orderBy('m.id', 'desc')
    .limit(limit)
    .execute();
  return rows.reverse();
}
