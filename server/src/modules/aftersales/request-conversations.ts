import type { Principal } from '../../platform/access.ts';
import type { Executor } from '../../platform/db.ts';
import { notFound } from '../../platform/errors.ts';
import { requireShopMember } from '../shops/index.ts';
import { chatRecords } from './chat-records.ts';

/**
 * The request's buyer's conversations with the shop, for the merchant to cite one before a rejection
 * (product rules §5): each with what both sides wrote and whether it can be cited.
 */
export async function requestConversations(db: Executor, principal: Principal, requestId: number) {
  const request = await db
    .selectFrom('aftersalesRequests')
    .select(['shopId', 'buyerId'])
    .where('id', '=', requestId)
    .executeTakeFirst();
  if (!request) throw notFound('after-sales request', requestId);
  await requireShopMember(db, principal, request.shopId);
  const conversations = await chatRecords().conversationsBetween(db, request);
  return conversations.map((c) => ({ ...c, citable: c.buyerMessages > 0 && c.agentMessages > 0 }));
}
