import type { Executor } from '../../platform/db.ts';
import { displayNames } from '../identity/index.ts';
import { shopNames } from '../shops/index.ts';

/**
 * A chat message's text as its sender wrote it, for ops reviewing the content case that holds it
 * (product rules §8.1): who wrote it and in which shop's conversation. `held` reads "hidden": the
 * other side never sees it. Undefined when there is no such text message.
 */
export async function chatMessageForReview(db: Executor, messageId: number) {
  const row = await db
    .selectFrom('chatMessages as m')
    .innerJoin('chatConversations as c', 'c.id', 'm.conversationId')
    .select(['m.text', 'm.visibility', 'm.holdReason', 'm.createdAt', 'm.sender', 'm.senderId', 'c.shopId'])
    .where('m.id', '=', messageId)
    .where('m.kind', '=', 'text')
    .executeTakeFirst();
  if (!row || row.text === null || row.senderId === null) return undefined;
  const [names, shops] = await Promise.all([displayNames(db, [row.senderId]), shopNames(db, [row.shopId])]);
  return {
    text: row.text,
    state: row.visibility === 'held' ? 'hidden' : 'visible',
    hiddenReason: row.holdReason,
    createdAt: row.createdAt,
    author: { id: row.senderId, name: names.get(row.senderId) ?? '' },
    place: { type: 'shop' as const, id: row.shopId, title: shops.get(row.shopId) ?? '' },
  };
}
