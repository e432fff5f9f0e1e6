import type { Selectable, Updateable } from 'kysely';
import type { Tx } from '../../platform/db.ts';
import { notFound } from '../../platform/errors.ts';
import { transitionRow } from '../../platform/state-machine.ts';
import type { ChatSessionsTable, SessionEventKind, SessionState } from './chat.tables.ts';
import { notifyConversation } from './chat-events.ts';
import { sessionTransitions } from './session.machine.ts';

export type SessionRow = Selectable<ChatSessionsTable>;

/** The session, locked for the rest of the transaction (every move reads it this way first). */
export async function lockSession(tx: Tx, sessionId: number): Promise<SessionRow> {
  const row = await tx
    .selectFrom('chatSessions')
    .selectAll()
    .where('id', '=', sessionId)
    .forUpdate()
    .executeTakeFirst();
  if (!row) throw notFound('chat session', sessionId);
  return row;
}

export interface SessionEvent {
  kind: SessionEventKind;
  fromAgent?: number | null;
  toAgent?: number | null;
  byUser?: number | null;
  note?: string | null;
}

export async function writeSessionEvent(tx: Tx, sessionId: number, event: SessionEvent, now: Date) {
  await tx
    .insertInto('chatSessionEvents')
    .values({
      sessionId,
      kind: event.kind,
      fromAgent: event.fromAgent ?? null,
      toAgent: event.toAgent ?? null,
      byUser: event.byUser ?? null,
      note: event.note ?? null,
      at: now,
    })
    .execute();
}

/**
 * The one way a session changes state: the machine's check and a conditional update from the state
 * read (409 when another action moved it first), then its event and the live notice to both sides, in
 * the caller's transaction.
 */
export async function moveSession(
  tx: Tx,
  session: SessionRow,
  to: SessionState,
  set: Updateable<ChatSessionsTable>,
  event: SessionEvent,
  now: Date,
): Promise<SessionRow> {
  const moved = await transitionRow(tx, 'chatSessions', {
    machine: sessionTransitions,
    what: `chat session ${session.id}`,
    key: { id: session.id },
    from: session.state,
    to,
    set,
  });
  await writeSessionEvent(tx, session.id, event, now);
  // Both sides' screens follow the session live (the inbox, the buyer's "waiting for a person").
  await notifyConversation(tx, session.conversationId, {
    type: 'session',
    sessionId: session.id,
    state: moved.state,
    agentId: moved.agentId,
  });
  return moved;
}
