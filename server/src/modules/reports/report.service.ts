import { sql } from 'kysely';
import type { Principal } from '../../platform/access.ts';
import type { Clock } from '../../platform/clock.ts';
import { type Executor, inTransaction } from '../../platform/db.ts';
import { AppError, invalidField, notFound } from '../../platform/errors.ts';
import { requireOwnFiles } from '../files/index.ts';
import { recordActivity } from '../risk/index.ts';
import {
  mayFileAnother,
  type ReportEffect,
  type ReportReason,
  type ReportState,
  reasonFits,
} from './report-rules.ts';
import {
  type ReportedSubject,
  readSubject,
  readSubjects,
  type SubjectRef,
  subjectKey,
} from './report-subjects.ts';

/** The velocity counter of reports against a shop: the trust engine's `shop.reports_<window>` features. */
export const REPORTS_COUNTER = 'reports';

export interface ReportView {
  id: number;
  subject: SubjectRef;
  reason: ReportReason;
  text: string;
  evidenceFileIds: number[];
  state: ReportState;
  effect: ReportEffect | null;
  decisionNote: string | null;
  decidedAt: Date | null;
  createdAt: Date;
}

/** One of a buyer's reports with what it is about, as the 我的举报 list shows it. */
export interface MyReportView extends ReportView {
  /** null when the subject no longer exists. */
  about: Pick<ReportedSubject, 'text' | 'imageUrl' | 'rating' | 'place' | 'authorName'> | null;
}

export const reportColumns = [
  'id',
  'subjectType',
  'subjectId',
  'reason',
  'text',
  'evidenceFileIds',
  'state',
  'effect',
  'decisionNote',
  'decidedAt',
  'createdAt',
] as const;

type ReportRow = {
  id: number;
  subjectType: SubjectRef['type'];
  subjectId: number;
  reason: ReportReason;
  text: string;
  evidenceFileIds: number[];
  state: ReportState;
  effect: ReportEffect | null;
  decisionNote: string | null;
  decidedAt: Date | null;
  createdAt: Date;
};

export function toReportView({ subjectType, subjectId, evidenceFileIds, ...row }: ReportRow): ReportView {
  return {
    ...row,
    subject: { type: subjectType, id: subjectId },
    evidenceFileIds: evidenceFileIds.map(Number),
  };
}

const DAY_MS = 24 * 3_600_000;

/**
 * A buyer reports something they saw (product rules §8.7): the reason must fit the kind of subject,
 * the subject must be shown to others and not their own; one open report per buyer and subject, and
 * a daily limit. The report counts against the subject's shop for the trust engine.
 */
export async function fileReport(
  db: Executor,
  clock: Clock,
  principal: Principal,
  input: { subject: SubjectRef; reason: string; text?: string; evidenceFileIds?: number[] },
): Promise<ReportView> {
  const { subject } = input;
  if (!reasonFits(subject.type, input.reason))
    throw invalidField('reason', `does not fit a report of a ${subject.type}`);
  const reason = input.reason;
  return inTransaction(db, async (tx) => {
    const found = await readSubject(tx, subject);
    if (!found?.shown) throw notFound(subject.type, subject.id);
    if (found.authorId === principal.userId) throw invalidField('subject', 'is your own');
    const now = clock.now();
    // One buyer's reports are filed one at a time, so the daily limit holds under concurrency.
    await sql`select pg_advisory_xact_lock(42089, ${principal.userId})`.execute(tx);
    const { n } = await tx
      .selectFrom('buyerReports')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('reporterId', '=', principal.userId)
      .where('createdAt', '>', new Date(now.getTime() - DAY_MS))
      .executeTakeFirstOrThrow();
    if (!mayFileAnother(Number(n)))
      throw new AppError(
        'rate_limited',
        'too many reports in the last 24 hours',
        {},
        { key: 'report_daily_limit' },
      );
    const evidenceFileIds = input.evidenceFileIds ?? [];
    await requireOwnFiles(tx, principal.userId, evidenceFileIds);
    const row = await tx
      .insertInto('buyerReports')
      .values({
        reporterId: principal.userId,
        subjectType: subject.type,
        subjectId: subject.id,
        shopId: found.shopId,
        reason,
        text: input.text?.trim() ?? '',
        evidenceFileIds,
        createdAt: now,
      })
      .onConflict((oc) =>
        oc.columns(['reporterId', 'subjectType', 'subjectId']).where('state', '=', 'open').doNothing(),
      )
      .returning(reportColumns)
      .executeTakeFirst();
    if (!row)
      throw new AppError(
        'conflict',
        `you already have an open report of ${subject.type} ${subject.id}`,
        { subject },
        { key: 'report_open' },
      );
    if (found.shopId !== null)
      await recordActivity(tx, { counter: REPORTS_COUNTER, entities: { shop: String(found.shopId) }, now });
    return toReportView(row);
  });
}

/** 我的举报: the buyer's reports, newest first, each with what it is about and its outcome. */
export async function myReports(
  db: Executor,
  principal: Principal,
  page: { limit: number; offset: number },
): Promise<{ items: MyReportView[]; total: number; limit: number; offset: number }> {
  const [rows, count] = await Promise.all([
    db
      .selectFrom('buyerReports')
      .select(reportColumns)
      .where('reporterId', '=', principal.userId)
      .orderBy('id', 'desc')
      .limit(page.limit)
      .offset(page.offset)
      .execute(),
    db
      .selectFrom('buyerReports')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('reporterId', '=', principal.userId)
      .executeTakeFirstOrThrow(),
  ]);
  const views = rows.map(toReportView);
  const subjects = await readSubjects(
    db,
    views.map((v) => v.subject),
  );
  const items = views.map((v) => {
    const s = subjects.get(subjectKey(v.subject));
    return {
      ...v,
      about: s
        ? { text: s.text, imageUrl: s.imageUrl, rating: s.rating, place: s.place, authorName: s.authorName }
        : null,
    };
  });
  return { items, total: Number(count.n), ...page };
}
