import { sql } from 'kysely';
import type { Executor } from '../../platform/db.ts';

/** A buyer's chat message as the voice of the user reads it (product rules §8.4). */
export interface ChatFeedback {
  id: number;
  shopId: number;
  buyerId: number;
  /** The order or product the conversation is about (its context card), if any. */
  orderId: number | null;
  productId: number | null;
  text: string;
  createdAt: Date;
}

/**
 * Buyers' text messages after `afterId`, oldest first, at most `limit`: the voice of the user's
 * incremental feed (messages written up to `until`, so a slower transaction's lower id is not
 * skipped). Held messages (off-platform contact) are left out: they are not about the order.
 * The order or product is the conversation's context card now (set when the buyer opened it from there).
 */
export async function buyerMessageFeed(
  db: Executor,
  input: { afterId: number; until: Date; limit: number },
): Promise<ChatFeedback[]> {
  const rows = await sql<ChatFeedback>`
    select m.id, c.shop_id, c.buyer_id,
      case when c.context_type = 'order' then c.context_id end as order_id,
      case when c.context_type = 'product' then c.context_id end as product_id,
      m.text, m.created_at
    from chat_messages m join chat_conversations c on c.id = m.conversation_id
    where m.id > ${input.afterId} and m.created_at <= ${input.until} and m.sender = 'buyer' and m.kind = 'text' and m.visibility = 'visible'
      and m.text is not null
    order by m.id
    limit ${input.limit}`.execute(db);
  return rows.rows;
}
