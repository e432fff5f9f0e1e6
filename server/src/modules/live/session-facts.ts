import type { Executor, Tx } from '../../platform/db.ts';
import type { LiveState } from './live.tables.ts';

export interface SessionFacts {
  id: number;
  hostUserId: number;
  shopId: number | null;
  title: string;
  state: LiveState;
  endReason: string | null;
  createdAt: Date;
}

const factColumns = ['id', 'hostUserId', 'shopId', 'title', 'state', 'endReason', 'createdAt'] as const;

/** A live session as other modules need it (comments, checkpoints), or undefined. No lock. */
export async function sessionFacts(db: Executor, sessionId: number): Promise<SessionFacts | undefined> {
  return db.selectFrom('liveSessions').select(factColumns).where('id', '=', sessionId).executeTakeFirst();
}

/**
 * The session under a shared lock for the rest of the transaction: it cannot end (or start) until the
 * caller commits, so what the caller writes for a room on air is written while it is on air.
 */
export async function sessionFactsForShare(tx: Tx, sessionId: number): Promise<SessionFacts | undefined> {
  return tx
    .selectFrom('liveSessions')
    .select(factColumns)
    .where('id', '=', sessionId)
    .forShare()
    .executeTakeFirst();
}
