import { sql } from 'kysely';
import type { Executor } from '../../platform/db.ts';
import type { ChatRecords, LinkableConversation } from '../aftersales/index.ts';

async function conversationsBetween(
  db: Executor,
  parties: { shopId: number; buyerId: number },
  conversationId?: number,
): Promise<LinkableConversation[]> {
  // Only delivered messages count: a held one never reached the other side.
  const rows = await db
    .selectFrom('chatConversations as c')
    .select(['c.id as conversationId', 'c.lastMessageAt'])
    .select((eb) => [
      sql<number>`(select count(*)::int from chat_messages m where m.conversation_id = ${eb.ref('c.id')} and m.sender = 'buyer' and m.visibility = 'visible')`.as(
        'buyerMessages',
      ),
      sql<number>`(select count(*)::int from chat_messages m where m.conversation_id = ${eb.ref('c.id')} and m.sender = 'agent' and m.visibility = 'visible')`.as(
        'agentMessages',
      ),
    ])
    .where('c.shopId', '=', parties.shopId)
    .where('c.buyerId', '=', parties.buyerId)
    .$if(conversationId !== undefined, (q) => q.where('c.id', '=', conversationId!))
    .orderBy('c.lastMessageAt', 'desc')
    .execute();
  return rows;
}

/** The chat's side of after-sales' `ChatRecords` port (product rules §5: a recorded chat counts). */
export const chatRecordsForAftersales: ChatRecords = {
  conversationsBetween: (db, parties) => conversationsBetween(db, parties),
  async refusalOf(db, conversationId, parties) {
    const [conversation] = await conversationsBetween(db, parties, conversationId);
    if (!conversation) return "not a conversation between this shop and the request's buyer";
    if (conversation.buyerMessages === 0) return 'the buyer wrote nothing in this conversation';
    if (conversation.agentMessages === 0)
      return 'nobody of the shop wrote in this conversation (the bot alone does not count)';
    return null;
  },
};
