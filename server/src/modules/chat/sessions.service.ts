import type { Tx } from '../../platform/db.ts';
import { notFound } from '../../platform/errors.ts';
import { cancelDeadline, scheduleDeadline } from '../../platform/scheduler/index.ts';
import type { CloseReason, SessionState } from './chat.tables.ts';
import { postMessage } from './messages.service.ts';
import { assignSession, routeSession, routeWaiting } from './routing.service.ts';
import { SERVICE_HOURS_OFFSET_MINUTES, withinServiceHours } from './service-hours.rule.ts';
import { lockSession, moveSession, type SessionRow, writeSessionEvent } from './session-store.ts';
import { shopChatSettings } from './settings.service.ts';

export interface OpenSession {
  id: number;
  state: SessionState;
  agentId: number | null;
  inServiceHours: boolean;
  /** Opened by this call (the buyer's first message since the last session closed). */
  isNew: boolean;
}

/** The idle close (product rules §8.2): a quiet session closes by itself. */
export const IDLE_CLOSE = 'chat.idle_close';
/** A session nobody writes in for this long closes (bot, or a person's answer not awaited). */
export const IDLE_CLOSE_MS = 30 * 60_000;
/** A buyer waiting for a person (queued, or served and not yet answered) is kept this long. */
export const WAITING_CLOSE_MS = 24 * 60 * 60_000;

function openSessionOf(row: SessionRow, isNew: boolean): OpenSession {
  return { id: row.id, state: row.state, agentId: row.agentId, inServiceHours: row.inServiceHours, isNew };
}

/** Locks the conversation, then the session: every path that moves a session takes them in this order. */
export async function lockSessionInOrder(tx: Tx, sessionId: number): Promise<SessionRow> {
  const head = await tx
    .selectFrom('chatSessions')
    .select('conversationId')
    .where('id', '=', sessionId)
    .executeTakeFirst();
  if (!head) throw notFound('chat session', sessionId);
  await tx
    .selectFrom('chatConversations')
    .select('id')
    .where('id', '=', head.conversationId)
    .forUpdate()
    .execute();
  return lockSession(tx, sessionId);
}

/**
 * The conversation's open session, opened when there is none: with the bot when the shop has it on
 * (at any hour: the bot covers the night), else straight to the queue and routed. `opener.agentId`: an
 * agent writes first (no open session), which opens it served by that agent. (Helper 2.)
 */
export async function ensureOpenSession(
  tx: Tx,
  conversation: { id: number; shopId: number; buyerId: number },
  now: Date,
  opener?: { agentId: number },
): Promise<OpenSession> {
  // The conversation's lock: two first messages at once open one session, not two.
  await tx
    .selectFrom('chatConversations')
    .select('id')
    .where('id', '=', conversation.id)
    .forUpdate()
    .execute();
  const open = await tx
    .selectFrom('chatSessions')
    .selectAll()
    .where('conversationId', '=', conversation.id)
    .where('state', '<>', 'closed')
    .executeTakeFirst();
  if (open) return openSessionOf(open, false);

  const settings = await shopChatSettings(tx, conversation.shopId);
  const inServiceHours = withinServiceHours(settings.serviceHours, now, SERVICE_HOURS_OFFSET_MINUTES);
  const state: SessionState = opener ? 'serving' : settings.botEnabled ? 'bot' : 'queued';
  const created = await tx
    .insertInto('chatSessions')
    .values({
      conversationId: conversation.id,
      shopId: conversation.shopId,
      buyerId: conversation.buyerId,
      state,
      agentId: opener?.agentId ?? null,
      startedAt: now,
      inServiceHours,
      handedOffAt: state === 'queued' ? now : null,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  await writeSessionEvent(
    tx,
    created.id,
    { kind: 'started', byUser: opener?.agentId ?? conversation.buyerId, toAgent: opener?.agentId ?? null },
    now,
  );
  await scheduleDeadline(tx, {
    kind: IDLE_CLOSE,
    subjectId: created.id,
    dueAt: new Date(now.getTime() + IDLE_CLOSE_MS),
  });
  if (state !== 'queued') return openSessionOf(created, true);
  await writeSessionEvent(tx, created.id, { kind: 'handed_off', note: 'no_bot' }, now);
  await routeSession(tx, created, now);
  return openSessionOf(await lockSession(tx, created.id), true);
}

/** The buyer (or the bot giving up) asks for a person: bot → queued, then routed. (Helper 2.) */
export async function requestHuman(tx: Tx, sessionId: number, now: Date, by: 'buyer' | 'bot'): Promise<void> {
  const session = await lockSessionInOrder(tx, sessionId);
  // Already waiting for or with a person, or over: nothing to do.
  if (session.state !== 'bot') return;
  const queued = await moveSession(
    tx,
    session,
    'queued',
    { handedOffAt: now },
    { kind: 'handed_off', byUser: by === 'buyer' ? session.buyerId : null, note: by },
    now,
  );
  await routeSession(tx, queued, now);
}

/**
 * An agent's message in the session: an agent answering a session the bot or the queue holds takes it;
 * the first person's reply is kept for the response metrics. A closed session is left as it is. (Helper 2.)
 */
export async function noteAgentReply(tx: Tx, sessionId: number, agentId: number, now: Date): Promise<void> {
  let session = await lockSessionInOrder(tx, sessionId);
  if (session.state === 'closed') return;
  if (session.state === 'bot' || session.state === 'queued') {
    session = await assignSession(tx, session, agentId, agentId, now);
  }
  if (session.firstHumanReplyAt === null) {
    await tx
      .updateTable('chatSessions')
      .set({ firstHumanReplyAt: now })
      .where('id', '=', sessionId)
      .execute();
  }
}

/**
 * Closes the session (an agent, the buyer, or idleness); nobody waits any more. A session a person took
 * part in asks the buyer to rate it (a `rating_request` message); the agent's freed seat goes to the
 * longest-waiting buyer. (Helper 2.)
 */
export async function closeSession(
  tx: Tx,
  sessionId: number,
  reason: CloseReason,
  byUserId: number | null,
  now: Date,
): Promise<void> {
  const session = await lockSessionInOrder(tx, sessionId);
  await moveSession(
    tx,
    session,
    'closed',
    { closedAt: now, closeReason: reason },
    { kind: 'closed', byUser: byUserId, note: reason },
    now,
  );
  await tx
    .updateTable('chatConversations')
    .set({ waitingSince: null })
    .where('id', '=', session.conversationId)
    .execute();
  await cancelDeadline(tx, IDLE_CLOSE, sessionId);
  if (session.agentId !== null) {
    await postMessage(
      tx,
      {
        conversationId: session.conversationId,
        sessionId,
        sender: 'system',
        senderId: null,
        kind: 'rating_request',
      },
      now,
    );
    await routeWaiting(tx, session.shopId, now);
  }
}
