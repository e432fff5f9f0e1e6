import type { Principal } from '../../platform/access.ts';
import type { Clock } from '../../platform/clock.ts';
import type { Executor } from '../../platform/db.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { assertTransition, transitionRow } from '../../platform/state-machine.ts';
import { requireOwnFiles } from '../files/index.ts';
import { requireShopMember } from '../shops/index.ts';
import { contentTransitions } from './content.machine.ts';
import type { ContentState, ReviewReportReason, ReviewReportState } from './content.tables.ts';
import { reviewReportTransitions } from './review-report.machine.ts';
import { withNumericFileIds } from './reviews.service.ts';

export interface ReviewReportView {
  id: number;
  reviewId: number;
  shopId: number;
  reporterId: number;
  reason: ReviewReportReason;
  text: string;
  evidenceFileIds: number[];
  state: ReviewReportState;
  decidedBy: number | null;
  decidedAt: Date | null;
  decisionNote: string | null;
  createdAt: Date;
}

export interface ReviewReportQueueItem extends ReviewReportView {
  review: { rating: number; text: string; state: ContentState; buyerId: number; productId: number };
}

const reportColumns = [
  'id',
  'reviewId',
  'shopId',
  'reporterId',
  'reason',
  'text',
  'evidenceFileIds',
  'state',
  'decidedBy',
  'decidedAt',
  'decisionNote',
  'createdAt',
] as const;

/**
 * A member of the reviewed product's shop reports the review as malicious (product rules §6: 职业差评师,
 * extortion) with evidence; it goes to the ops queue. Another shop's member gets 404.
 */
export async function reportReview(
  db: Executor,
  clock: Clock,
  principal: Principal,
  reviewId: number,
  input: { reason: ReviewReportReason; text: string; evidenceFileIds?: number[] },
): Promise<ReviewReportView> {
  return db.transaction().execute(async (tx) => {
    const review = await tx
      .selectFrom('reviews')
      .select(['id', 'shopId'])
      .where('id', '=', reviewId)
      .executeTakeFirst();
    if (!review) throw notFound('review', reviewId);
    try {
      await requireShopMember(tx, principal, review.shopId);
    } catch (err) {
      if (err instanceof AppError && err.code === 'not_found') throw notFound('review', reviewId);
      throw err;
    }
    const evidenceFileIds = input.evidenceFileIds ?? [];
    await requireOwnFiles(tx, principal.userId, evidenceFileIds);
    const row = await tx
      .insertInto('reviewReports')
      .values({
        reviewId,
        shopId: review.shopId,
        reporterId: principal.userId,
        reason: input.reason,
        text: input.text.trim(),
        evidenceFileIds,
        createdAt: clock.now(),
      })
      .onConflict((oc) => oc.column('reviewId').where('state', '=', 'open').doNothing())
      .returning(reportColumns)
      .executeTakeFirst();
    if (!row)
      throw new AppError(
        'conflict',
        `review ${reviewId} already has an open report`,
        { reviewId },
        { key: 'review_report_open' },
      );
    return withNumericFileIds(row);
  });
}

/** The ops queue of reports, oldest first, with the review they are about. */
export async function listReviewReports(
  db: Executor,
  query: { state: ReviewReportState; limit: number; offset: number },
): Promise<{ items: ReviewReportQueueItem[]; total: number; limit: number; offset: number }> {
  const [rows, count] = await Promise.all([
    db
      .selectFrom('reviewReports as p')
      .innerJoin('reviews as r', 'r.id', 'p.reviewId')
      .select(reportColumns.map((c) => `p.${c}` as const))
      .select([
        'r.rating as reviewRating',
        'r.text as reviewText',
        'r.state as reviewState',
        'r.buyerId',
        'r.productId',
      ])
      .where('p.state', '=', query.state)
      .orderBy('p.id')
      .limit(query.limit)
      .offset(query.offset)
      .execute(),
    db
      .selectFrom('reviewReports')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('state', '=', query.state)
      .executeTakeFirstOrThrow(),
  ]);
  const items = rows.map(({ reviewRating, reviewText, reviewState, buyerId, productId, ...report }) => ({
    ...withNumericFileIds(report),
    review: { rating: reviewRating, text: reviewText, state: reviewState, buyerId, productId },
  }));
  return { items, total: Number(count.n), limit: query.limit, offset: query.offset };
}

/** Ops decide a report: upheld hides the review with the note as its reason; dismissed leaves it. */
export async function decideReviewReport(
  db: Executor,
  clock: Clock,
  principal: Principal,
  reportId: number,
  decision: { uphold: boolean; note: string },
): Promise<ReviewReportView> {
  return db.transaction().execute(async (tx) => {
    const report = await tx
      .selectFrom('reviewReports')
      .select(['id', 'state', 'reviewId'])
      .where('id', '=', reportId)
      .forUpdate()
      .executeTakeFirst();
    if (!report) throw notFound('review report', reportId);
    const to: ReviewReportState = decision.uphold ? 'upheld' : 'dismissed';
    // Checked before the review is touched: a decided report changes nothing (409).
    assertTransition(reviewReportTransitions, 'review report', report.state, to);
    const note = decision.note.trim();
    const now = clock.now();
    if (decision.uphold) {
      // A review shown or held back is hidden; one already hidden (screening blocked it) keeps its reason.
      await transitionRow(tx, 'reviews', {
        machine: contentTransitions,
        what: `review ${report.reviewId}`,
        key: { id: report.reviewId },
        from: ['visible', 'flagged'],
        to: 'hidden',
        set: { hiddenReason: `malicious review: ${note}` },
        ifNotIn: 'skip',
      });
    }
    const decided = await transitionRow(tx, 'reviewReports', {
      machine: reviewReportTransitions,
      what: `review report ${reportId}`,
      key: { id: reportId },
      from: report.state,
      to,
      set: { decidedBy: principal.userId, decidedAt: now, decisionNote: note },
    });
    return withNumericFileIds(decided);
  });
}
