import { sql } from 'kysely';
import type { Executor } from '../../platform/db.ts';
import type { Audience } from './chat-hub.ts';

/** The first event of a stream: the unread messages of the buyer (or the shop) over every conversation. */
export async function streamSnapshot(db: Executor, audience: Audience): Promise<{ unread: number }> {
  const row = await (audience.side === 'buyer'
    ? db
        .selectFrom('chatConversations')
        .select(sql<number>`coalesce(sum(buyer_unread), 0)::int`.as('unread'))
        .where('buyerId', '=', audience.buyerId)
    : db
        .selectFrom('chatConversations')
        .select(sql<number>`coalesce(sum(shop_unread), 0)::int`.as('unread'))
        .where('shopId', '=', audience.shopId)
  ).executeTakeFirstOrThrow();
  return { unread: row.unread };
}
