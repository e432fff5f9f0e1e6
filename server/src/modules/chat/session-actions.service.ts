import type { Principal } from '../../platform/access.ts';
import type { Clock } from '../../platform/clock.ts';
import { type Executor, inTransaction } from '../../platform/db.ts';
import { AppError, invalidField, notFound } from '../../platform/errors.ts';
import { requireShopMember } from '../shops/index.ts';
import type { SessionState } from './chat.tables.ts';
import { requireShopAgent } from './chat-access.ts';
import { announceHandOff } from './replies.service.ts';
import { assignSession, lockAgentLoads } from './routing.service.ts';
import { moveSession } from './session-store.ts';
import { closeSession, ensureOpenSession, lockSessionInOrder, requestHuman } from './sessions.service.ts';

export interface SessionStatus {
  sessionId: number;
  state: SessionState;
  agentId: number | null;
}

/** The session's shop, for an agent of it; anyone else gets 404 as if it did not exist. */
async function shopOfSessionForAgent(db: Executor, principal: Principal, sessionId: number): Promise<number> {
  const session = await db
    .selectFrom('chatSessions')
    .select('shopId')
    .where('id', '=', sessionId)
    .executeTakeFirst();
  if (!session) throw notFound('chat session', sessionId);
  try {
    await requireShopAgent(db, principal, session.shopId);
  } catch (err) {
    if (err instanceof AppError && err.code === 'not_found') throw notFound('chat session', sessionId);
    throw err;
  }
  return session.shopId;
}

function takenBySomeoneElse(sessionId: number): AppError {
  return new AppError(
    'conflict',
    `chat session ${sessionId} is served by another agent`,
    {},
    { key: 'chat_session_taken' },
  );
}

/** An agent takes a waiting conversation (待接入) or steps in for the bot. */
export async function takeSession(
  db: Executor,
  principal: Principal,
  sessionId: number,
  clock: Clock,
): Promise<SessionStatus> {
  await shopOfSessionForAgent(db, principal, sessionId);
  return inTransaction(db, async (tx) => {
    const session = await lockSessionInOrder(tx, sessionId);
    if (session.state === 'serving' && session.agentId === principal.userId) {
      return { sessionId, state: session.state, agentId: session.agentId };
    }
    if (session.state === 'serving') throw takenBySomeoneElse(sessionId);
    await lockAgentLoads(tx, session.shopId);
    const moved = await assignSession(tx, session, principal.userId, principal.userId, clock.now());
    return { sessionId, state: moved.state, agentId: moved.agentId };
  });
}

/**
 * Hands a conversation to a colleague who serves customers and is online, with a note they see. The
 * agent serving it or the owner may; a waiting one may be given to a colleague too.
 */
export async function transferSession(
  db: Executor,
  principal: Principal,
  sessionId: number,
  input: { toAgentId: number; note?: string },
  clock: Clock,
): Promise<SessionStatus> {
  const shopId = await shopOfSessionForAgent(db, principal, sessionId);
  return inTransaction(db, async (tx) => {
    const now = clock.now();
    const session = await lockSessionInOrder(tx, sessionId);
    if (session.state === 'closed' || session.state === 'bot') {
      throw new AppError(
        'invalid_transition',
        `chat session ${sessionId} is ${session.state}; it cannot be transferred`,
        {
          from: session.state,
          to: 'serving',
        },
      );
    }
    const owner = (await requireShopMember(tx, principal, shopId)) === 'owner';
    if (session.state === 'serving' && session.agentId !== principal.userId && !owner) {
      throw takenBySomeoneElse(sessionId);
    }
    if (input.toAgentId === session.agentId) {
      throw invalidField('toAgentId', 'the conversation is already with this agent');
    }
    const target = (await lockAgentLoads(tx, shopId)).find((a) => a.userId === input.toAgentId);
    if (!target) throw invalidField('toAgentId', 'not a customer-service agent of this shop');
    if (target.status !== 'online') throw invalidField('toAgentId', 'this agent is away');
    const moved = await moveSession(
      tx,
      session,
      'serving',
      { agentId: input.toAgentId, handedOffAt: session.handedOffAt ?? now },
      {
        kind: 'transferred',
        fromAgent: session.agentId,
        toAgent: input.toAgentId,
        byUser: principal.userId,
        note: input.note?.trim() || null,
      },
      now,
    );
    await tx
      .updateTable('chatAgents')
      .set({ lastAssignedAt: now })
      .where('shopId', '=', shopId)
      .where('userId', '=', input.toAgentId)
      .execute();
    return { sessionId, state: moved.state, agentId: moved.agentId };
  });
}

/** An agent ends the conversation's session; the buyer is asked to rate it. */
export async function closeByAgent(
  db: Executor,
  principal: Principal,
  sessionId: number,
  clock: Clock,
): Promise<SessionStatus> {
  await shopOfSessionForAgent(db, principal, sessionId);
  return inTransaction(db, async (tx) => {
    await closeSession(tx, sessionId, 'agent', principal.userId, clock.now());
    return { sessionId, state: 'closed' as const, agentId: null };
  });
}

/** The buyer asks for a person (转人工): the open session (opened if none) goes to the queue and is routed. */
export async function buyerAsksForHuman(
  db: Executor,
  principal: Principal,
  conversationId: number,
  clock: Clock,
): Promise<SessionStatus> {
  return inTransaction(db, async (tx) => {
    const now = clock.now();
    const conversation = await tx
      .selectFrom('chatConversations')
      .select(['id', 'shopId', 'buyerId'])
      .where('id', '=', conversationId)
      .executeTakeFirst();
    if (!conversation || conversation.buyerId !== principal.userId)
      throw notFound('conversation', conversationId);
    const open = await ensureOpenSession(tx, conversation, now);
    await requestHuman(tx, open.id, now, 'buyer');
    if (open.state === 'bot') {
      await announceHandOff(
        tx,
        { id: open.id, conversationId: conversation.id, shopId: conversation.shopId },
        now,
      );
    }
    const session = await lockSessionInOrder(tx, open.id);
    return { sessionId: session.id, state: session.state, agentId: session.agentId };
  });
}
