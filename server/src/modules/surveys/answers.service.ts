import type { Principal } from '../../platform/access.ts';
import type { Clock } from '../../platform/clock.ts';
import type { Executor, Tx } from '../../platform/db.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { transitionRow } from '../../platform/state-machine.ts';
import { shopNames } from '../shops/index.ts';
import { invitationTransitions } from './invitation.machine.ts';
import type { CommentState, InvitationState } from './surveys.tables.ts';

/**
 * Screens a survey comment in the answering transaction (filled by the composition root with the
 * content screening): true holds the comment back. The score counts either way.
 */
export type CommentScreen = (
  tx: Tx,
  comment: { text: string; authorId: number; now: Date },
) => Promise<boolean>;

export interface SurveyView {
  id: number;
  orderId: number;
  shop: { id: number; name: string };
  state: InvitationState;
  offeredAt: Date;
  expiresAt: Date;
  answeredAt: Date | null;
  score: number | null;
  comment: string | null;
  commentState: CommentState | null;
}

const columns = [
  'id',
  'orderId',
  'shopId',
  'state',
  'offeredAt',
  'expiresAt',
  'answeredAt',
  'score',
  'comment',
  'commentState',
] as const;

async function views(
  db: Executor,
  rows: ({ shopId: number } & Omit<SurveyView, 'shop'>)[],
): Promise<SurveyView[]> {
  const names = await shopNames(db, [...new Set(rows.map((r) => r.shopId))]);
  return rows.map(({ shopId, ...r }) => ({ ...r, shop: { id: shopId, name: names.get(shopId) ?? '' } }));
}

/** My surveys still open to answer (offered, before their deadline), newest first. */
export async function listMySurveys(
  db: Executor,
  clock: Clock,
  principal: Principal,
): Promise<{ items: SurveyView[] }> {
  const rows = await db
    .selectFrom('npsInvitations')
    .select(columns)
    .where('buyerId', '=', principal.userId)
    .where('state', '=', 'offered')
    .where('expiresAt', '>', clock.now())
    .orderBy('id', 'desc')
    .limit(20)
    .execute();
  return { items: await views(db, rows) };
}

/**
 * The buyer answers their survey once, before its deadline (product rules §7.3): a score 0–10 and
 * an optional comment, which is screened and held back when screening says so. Another buyer's survey
 * answers 404; an answered or expired one 409 survey_closed.
 */
export async function answerSurvey(
  db: Executor,
  screen: CommentScreen,
  clock: Clock,
  principal: Principal,
  id: number,
  input: { score: number; comment?: string },
): Promise<SurveyView> {
  return db.transaction().execute(async (tx) => {
    const now = clock.now();
    const invitation = await tx
      .selectFrom('npsInvitations')
      .select(['id', 'state', 'expiresAt'])
      .where('id', '=', id)
      .where('buyerId', '=', principal.userId)
      .forUpdate()
      .executeTakeFirst();
    if (!invitation) throw notFound('survey', id);
    if (invitation.state !== 'offered' || invitation.expiresAt <= now) {
      throw new AppError(
        'conflict',
        `survey ${id} is ${invitation.state === 'offered' ? 'past its deadline' : invitation.state}: it cannot be answered`,
        { state: invitation.state, expiresAt: invitation.expiresAt },
        { key: 'survey_closed' },
      );
    }
    const text = input.comment?.trim() || null;
    const held = text === null ? false : await screen(tx, { text, authorId: principal.userId, now });
    const row = await transitionRow(tx, 'npsInvitations', {
      machine: invitationTransitions,
      what: `survey ${id}`,
      key: { id },
      from: 'offered',
      to: 'answered',
      set: {
        answeredAt: now,
        score: input.score,
        comment: text,
        commentState: text === null ? null : held ? 'held' : 'visible',
      },
    });
    const [view] = await views(tx, [
      {
        id: row.id,
        orderId: row.orderId,
        shopId: row.shopId,
        state: row.state,
        offeredAt: row.offeredAt,
        expiresAt: row.expiresAt,
        answeredAt: row.answeredAt,
        score: row.score,
        comment: row.comment,
        commentState: row.commentState,
      },
    ]);
    return view!;
  });
}
