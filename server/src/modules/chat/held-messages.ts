import type { Tx } from '../../platform/db.ts';
import { publishChatEvent } from './chat-events.ts';
import { type MessageRow, messageColumns, messageViews } from './message-view.ts';

/**
 * Ops decided the review case of a held chat message (content queue): found fine, it is delivered now
 * (the other side's unread count grows and it hears it live); otherwise it stays held for good.
 * Returns how many messages were delivered.
 */
export async function releaseHeldMessages(
  tx: Tx,
  decisionId: number,
  outcome: 'allow' | 'block',
): Promise<number> {
  if (outcome === 'block') return 0;
  const rows = (await tx
    .updateTable('chatMessages')
    .set({ visibility: 'visible', holdReason: null })
    .where('decisionId', '=', decisionId)
    .where('visibility', '=', 'held')
    .returning(messageColumns)
    .execute()) as MessageRow[];
  for (const row of rows) {
    const fromBuyer = row.sender === 'buyer';
    const parties = await tx
      .updateTable('chatConversations')
      .set((eb) =>
        fromBuyer ? { shopUnread: eb('shopUnread', '+', 1) } : { buyerUnread: eb('buyerUnread', '+', 1) },
      )
      .where('id', '=', row.conversationId)
      .returning(['shopId', 'buyerId'])
      .executeTakeFirstOrThrow();
    const [message] = await messageViews(tx, [row]);
    await publishChatEvent(tx, {
      type: 'message',
      conversationId: row.conversationId,
      ...parties,
      message: message!,
      to: 'both',
    });
  }
  return rows.length;
}
