import type { Principal } from '../../platform/access.ts';
import type { Executor, Tx } from '../../platform/db.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import type { SessionRating, SessionState } from './chat.tables.ts';

export interface SessionRatingView {
  sessionId: number;
  state: SessionState;
  rating: SessionRating | null;
  ratingComment: string | null;
  ratedAt: Date | null;
}

async function buyersSession(db: Executor, principal: Principal, sessionId: number) {
  const row = await db
    .selectFrom('chatSessions')
    .select(['id as sessionId', 'buyerId', 'state', 'rating', 'ratingComment', 'ratedAt'])
    .where('id', '=', sessionId)
    .executeTakeFirst();
  // Another buyer's session is not found: ids leak nothing.
  if (!row || row.buyerId !== principal.userId) throw notFound('chat session', sessionId);
  const { buyerId: _, ...view } = row;
  return view;
}

/** Where the buyer's rating of a session stands (the rating card reads it). */
export async function sessionRating(
  db: Executor,
  principal: Principal,
  sessionId: number,
): Promise<SessionRatingView> {
  return buyersSession(db, principal, sessionId);
}

/**
 * The buyer rates a closed session they were asked to rate (a person served it), once (product rules
 * §8.3): good / neutral / bad and an optional comment. The session's `rated` event is written with it.
 */
export async function rateSession(
  tx: Tx,
  principal: Principal,
  sessionId: number,
  input: { rating: SessionRating; comment?: string | undefined },
  now: Date,
): Promise<SessionRatingView> {
  const session = await buyersSession(tx, principal, sessionId);
  if (session.state !== 'closed') {
    throw new AppError('conflict', 'The session is still open', {}, { key: 'chat_session_open' });
  }
  const asked = await tx
    .selectFrom('chatMessages')
    .select('id')
    .where('sessionId', '=', sessionId)
    .where('kind', '=', 'rating_request')
    .executeTakeFirst();
  if (!asked)
    throw new AppError(
      'conflict',
      'This session was not offered for rating',
      {},
      { key: 'chat_session_not_rateable' },
    );
  const comment = input.comment?.trim() || null;
  const rated = await tx
    .updateTable('chatSessions')
    .set({ rating: input.rating, ratingComment: comment, ratedAt: now })
    .where('id', '=', sessionId)
    .where('rating', 'is', null)
    .returning(['id as sessionId', 'state', 'rating', 'ratingComment', 'ratedAt'])
    .executeTakeFirst();
  if (!rated)
    throw new AppError('conflict', 'The session is already rated', {}, { key: 'chat_session_rated' });
  await tx
    .insertInto('chatSessionEvents')
    .values({ sessionId, kind: 'rated', byUser: principal.userId, note: input.rating, at: now })
    .execute();
  return rated;
}
