import type { Static } from '@sinclair/typebox';
import type { Principal } from '../../platform/access.ts';
import type { Clock } from '../../platform/clock.ts';
import { type Db, inTransaction, type Tx } from '../../platform/db.ts';
import { AppError, invalidField } from '../../platform/errors.ts';
import { PgRateLimitCounters } from '../../platform/rate-limit-store.ts';
import { getProductSummary } from '../catalog/index.ts';
import type { ContentGate } from '../content/index.ts';
import { requireOwnFiles } from '../files/index.ts';
import { orderCardFacts } from '../orders/index.ts';
import type { SendMessageBody } from './chat.schema.ts';
import { type ConversationRow, conversationOfCaller } from './chat-access.ts';
import { type MessagePayload, messagePayload } from './message-payload.rule.ts';
import type { MessageView } from './message-view.ts';
import { postMessageView, reserveMessageId } from './messages.service.ts';
import { replyToBuyer } from './replies.service.ts';
import { ensureOpenSession, noteAgentReply } from './sessions.service.ts';

/** Product rules §8.1: at most this many messages per sender and conversation a minute. */
export const MESSAGES_PER_MINUTE = 30;

export interface SendDeps {
  db: Db;
  clock: Clock;
  gate: ContentGate;
}

type Body = Static<typeof SendMessageBody>;

/** A card or image must belong to this conversation: the sender's upload, the shop's product, the buyer's order with the shop. */
async function checkPayload(tx: Tx, c: ConversationRow, senderId: number, p: MessagePayload) {
  if (p.fileId !== null) {
    try {
      await requireOwnFiles(tx, senderId, [p.fileId]);
    } catch {
      throw invalidField('fileId', 'not one of your uploads');
    }
  }
  if (p.productId !== null) {
    const product = await getProductSummary(tx, p.productId);
    if (product?.shopId !== c.shopId) throw invalidField('productId', 'not a product of this shop');
  }
  if (p.orderId !== null) {
    const [order] = await orderCardFacts(tx, [p.orderId]);
    if (order?.buyerId !== c.buyerId || order.shopId !== c.shopId) {
      throw invalidField('orderId', 'not an order between this buyer and this shop');
    }
  }
}

/**
 * A message from the buyer or one of the shop's agents (product rules §8.1). Every text passes the
 * content gate in the writing transaction: off-platform contact (or other risky text) is held — kept,
 * shown to its sender with a notice, never delivered to the other side. The buyer's message opens a
 * session if none is open and, when visible, gets the shop's auto-replies or the bot; an agent's
 * counts as the person's reply in the open session.
 */
export async function sendMessage(
  deps: SendDeps,
  principal: Principal,
  conversationId: number,
  body: Body,
): Promise<MessageView> {
  const { db, clock, gate } = deps;
  const payload = messagePayload(body);
  const { conversation, side } = await conversationOfCaller(db, principal, conversationId);
  const now = clock.now();
  // Now and then, forget old windows outside the message's transaction (which locks only its own key).
  if (Math.random() < 0.01) await new PgRateLimitCounters(db, clock).sweep(60_000);
  return inTransaction(db, async (tx) => {
    // Counted in the message's transaction (one commit, not two); a refused or invalid message does not count.
    const hits = await new PgRateLimitCounters(tx, clock).hit(
      `chat:${principal.userId}:${conversationId}`,
      60_000,
      { sweep: false },
    );
    if (hits.current > MESSAGES_PER_MINUTE) {
      const retryAfterSeconds = Math.max(1, Math.ceil(hits.ttl / 1000));
      throw new AppError(
        'rate_limited',
        'Too many messages; wait a moment',
        { retryAfterSeconds },
        { key: 'chat_rate_limited' },
      );
    }
    await checkPayload(tx, conversation, principal.userId, payload);
    const buyerSession = side === 'buyer' ? await ensureOpenSession(tx, conversation, now) : undefined;
    const session =
      buyerSession ??
      (await tx
        .selectFrom('chatSessions')
        .select('id')
        .where('conversationId', '=', conversation.id)
        .where('state', '<>', 'closed')
        .executeTakeFirst());
    const id = await reserveMessageId(tx);
    const verdict =
      payload.text === null
        ? undefined
        : await gate(tx, {
            surface: 'chat_message',
            text: payload.text,
            authorId: principal.userId,
            subject: { type: 'chat_message', id },
            now,
          });
    const held = verdict !== undefined && verdict.outcome !== 'allow';
    const view = await postMessageView(
      tx,
      {
        id,
        conversationId: conversation.id,
        sessionId: session?.id ?? null,
        sender: side === 'buyer' ? 'buyer' : 'agent',
        senderId: principal.userId,
        kind: body.kind,
        ...payload,
        visibility: held ? 'held' : 'visible',
        decisionId: verdict?.decisionId ?? null,
        holdReason: held ? (verdict?.reason ?? 'held') : null,
      },
      now,
    );
    if (held) return view;
    if (buyerSession) {
      await replyToBuyer(
        tx,
        {
          conversation: {
            id: conversation.id,
            shopId: conversation.shopId,
            buyerId: conversation.buyerId,
            contextType: conversation.contextType,
            contextId: conversation.contextId,
          },
          session: buyerSession,
          message: { id, kind: body.kind, text: payload.text },
        },
        now,
      );
    } else if (side === 'shop' && session) {
      await noteAgentReply(tx, session.id, principal.userId, now);
    }
    return view;
  });
}
