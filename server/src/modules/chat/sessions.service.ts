import type { Tx } from '../../platform/db.ts';
import type { CloseReason, SessionState } from './chat.tables.ts';

export interface OpenSession {
  id: number;
  state: SessionState;
  agentId: number | null;
  inServiceHours: boolean;
  /** Opened by this call (the buyer's first message since the last session closed). */
  isNew: boolean;
}

/** The conversation's open session, opened (bot or queued, routed) when there is none. (Helper 2.) */
export async function ensureOpenSession(
  _tx: Tx,
  _conversation: { id: number; shopId: number; buyerId: number },
  _now: Date,
): Promise<OpenSession> {
  throw new Error('ensureOpenSession: not built yet');
}

/** The buyer (or the bot giving up) asks for a person: bot → queued, then routed. (Helper 2.) */
export async function requestHuman(
  _tx: Tx,
  _sessionId: number,
  _now: Date,
  _by: 'buyer' | 'bot',
): Promise<void> {
  throw new Error('requestHuman: not built yet');
}

/** An agent's message in the session: the first human reply time, serving by that agent. (Helper 2.) */
export async function noteAgentReply(
  _tx: Tx,
  _sessionId: number,
  _agentId: number,
  _now: Date,
): Promise<void> {
  throw new Error('noteAgentReply: not built yet');
}

/** Closes the session; the buyer is then asked to rate it. (Helper 2.) */
export async function closeSession(
  _tx: Tx,
  _sessionId: number,
  _reason: CloseReason,
  _byUserId: number | null,
  _now: Date,
): Promise<void> {
  throw new Error('closeSession: not built yet');
}
