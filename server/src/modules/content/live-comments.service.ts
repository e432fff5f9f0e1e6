import { sql } from 'kysely';
import type { Principal } from '../../platform/access.ts';
import type { Clock } from '../../platform/clock.ts';
import type { Executor } from '../../platform/db.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { notify } from '../../platform/pubsub.ts';
import { displayNameOf, displayNames } from '../identity/index.ts';
import { sessionFacts, sessionFactsForShare } from '../live/index.ts';
import type { LiveCommentState } from './content.tables.ts';
import type { ContentGate } from './content-gate.ts';
import { screenNewContent } from './screened-write.ts';

/** LISTEN/NOTIFY channel of new visible live comments (payload: a LiveCommentView as JSON). */
export const LIVE_COMMENTS_CHANNEL = 'live_comments';

export interface LiveCommentView {
  id: number;
  sessionId: number;
  author: { userId: number; displayName: string };
  text: string;
  state: LiveCommentState;
  /** Only the author sees a hidden comment, with the reason. */
  hiddenReason: string | null;
  createdAt: Date;
}

/** A signed-in buyer comments in a room that is on air; the gate screens the text first. */
export async function postLiveComment(
  db: Executor,
  gate: ContentGate,
  clock: Clock,
  principal: Principal,
  sessionId: number,
  text: string,
): Promise<LiveCommentView> {
  return db.transaction().execute(async (tx) => {
    // Shared lock: the room cannot end between this check and the commit of the comment.
    const session = await sessionFactsForShare(tx, sessionId);
    if (!session) throw notFound('live session', sessionId);
    if (session.state !== 'live') {
      throw new AppError(
        'conflict',
        `live session ${sessionId} is not on air`,
        { state: session.state },
        { key: 'live_not_on_air' },
      );
    }
    const now = clock.now();
    const body = text.trim();
    const row = await tx
      .insertInto('liveComments')
      .values({ sessionId, userId: principal.userId, text: body, createdAt: now })
      .returning(['id'])
      .executeTakeFirstOrThrow();
    const screened = await screenNewContent(
      tx,
      gate,
      { table: 'liveComments', id: row.id, surface: 'live_comment', subjectType: 'live_comment' },
      { text: body, authorId: principal.userId, now },
      'hidden',
    );
    const names = await displayNames(tx, [principal.userId]);
    const view: LiveCommentView = {
      id: row.id,
      sessionId,
      author: { userId: principal.userId, displayName: names.get(principal.userId) ?? '' },
      text: body,
      state: screened.state as LiveCommentState,
      hiddenReason: screened.hiddenReason,
      createdAt: now,
    };
    // Delivered on commit to every process (issue 6 forwards them to viewers).
    if (view.state === 'visible') {
      await notify(tx, LIVE_COMMENTS_CHANNEL, JSON.stringify(view));
    }
    return view;
  });
}

/**
 * The room's visible comments: those after the cursor `after` (oldest first), or without a cursor
 * the latest `limit`. `next` is the cursor for the following call.
 */
export async function listLiveComments(
  db: Executor,
  sessionId: number,
  query: { after?: number; limit: number },
  /** A signed-in reader also gets their own held-back comments, with the reason (no one else does). */
  readerId?: number,
): Promise<{ items: LiveCommentView[]; next: number | null }> {
  const session = await sessionFacts(db, sessionId);
  if (!session) throw notFound('live session', sessionId);
  let q = db
    .selectFrom('liveComments as c')
    .select([
      'c.id',
      'c.sessionId',
      'c.userId',
      displayNameOf(sql.ref<number>('c.userId')).as('displayName'),
      'c.text',
      'c.state',
      'c.hiddenReason',
      'c.createdAt',
    ])
    .where('c.sessionId', '=', sessionId)
    .where((eb) =>
      readerId === undefined
        ? eb('c.state', '=', 'visible')
        : eb.or([eb('c.state', '=', 'visible'), eb('c.userId', '=', readerId)]),
    )
    .limit(query.limit);
  q =
    query.after === undefined ? q.orderBy('c.id', 'desc') : q.where('c.id', '>', query.after).orderBy('c.id');
  const rows = await q.execute();
  if (query.after === undefined) rows.reverse();
  const items = rows.map((r) => ({
    id: r.id,
    sessionId: r.sessionId,
    author: { userId: r.userId, displayName: r.displayName },
    text: r.text,
    state: r.state,
    hiddenReason: r.state === 'visible' ? null : r.hiddenReason,
    createdAt: r.createdAt,
  }));
  return { items, next: items.at(-1)?.id ?? query.after ?? null };
}

/** What live-room streams need of comments: the channel of new visible ones and the latest ones. */
export const liveCommentFeed = {
  channel: LIVE_COMMENTS_CHANNEL,
  latest: async (db: Executor, sessionId: number): Promise<LiveCommentView[]> =>
    (await listLiveComments(db, sessionId, { limit: 30 })).items,
};
