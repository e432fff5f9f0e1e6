import type { Principal } from '../../platform/access.ts';
import type { Executor } from '../../platform/db.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { requireShopMember } from '../shops/index.ts';

/**
 * Whether the caller serves the shop's customers (product rules §8.1): its owner always, a staff
 * member when the owner gave them the CS role (a `chat_agents` row). Someone outside the shop gets
 * 404 (ids of other shops leak nothing); staff without the role 403.
 */
export async function requireShopAgent(db: Executor, principal: Principal, shopId: number): Promise<void> {
  if (principal.kind !== 'merchant') throw notFound('shop', shopId);
  const role = await requireShopMember(db, principal, shopId);
  if (role === 'owner') return;
  const agent = await db
    .selectFrom('chatAgents')
    .select('userId')
    .where('shopId', '=', shopId)
    .where('userId', '=', principal.userId)
    .executeTakeFirst();
  if (!agent) {
    throw new AppError(
      'forbidden',
      'Only customer-service staff of the shop may do this',
      {},
      {
        key: 'chat_not_agent',
      },
    );
  }
}

export interface ConversationRow {
  id: number;
  shopId: number;
  buyerId: number;
  contextType: 'product' | 'live' | 'order' | null;
  contextId: number | null;
  lastMessageId: number | null;
  lastMessageAt: Date;
  waitingSince: Date | null;
  buyerUnread: number;
  shopUnread: number;
  buyerReadId: number;
  shopReadId: number;
}

const columns = [
  'id',
  'shopId',
  'buyerId',
  'contextType',
  'contextId',
  'lastMessageId',
  'lastMessageAt',
  'waitingSince',
  'buyerUnread',
  'shopUnread',
  'buyerReadId',
  'shopReadId',
] as const;

/**
 * The conversation and the caller's side of it: its buyer, or an agent of its shop. Anyone else
 * gets 404, as if it did not exist.
 */
export async function conversationOfCaller(
  db: Executor,
  principal: Principal,
  conversationId: number,
): Promise<{ conversation: ConversationRow; side: 'buyer' | 'shop' }> {
  const conversation = await db
    .selectFrom('chatConversations')
    .select(columns)
    .where('id', '=', conversationId)
    .executeTakeFirst();
  if (!conversation) throw notFound('conversation', conversationId);
  if (conversation.buyerId === principal.userId) return { conversation, side: 'buyer' };
  try {
    await requireShopAgent(db, principal, conversation.shopId);
  } catch (err) {
    if (err instanceof AppError && err.code === 'not_found') throw notFound('conversation', conversationId);
    throw err;
  }
  return { conversation, side: 'shop' };
}
