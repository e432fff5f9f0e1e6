import { sql } from 'kysely';
import type { Clock } from '../../platform/clock.ts';
import type { Executor } from '../../platform/db.ts';
import { displayNames } from '../identity/index.ts';
import { shopNames } from '../shops/index.ts';
import { type QueuedReport, reportRates } from './report-decisions.service.ts';
import type { ReportEffect, ReportState } from './report-rules.ts';
import { type ReportedSubject, readSubjects, type SubjectRef, subjectKey } from './report-subjects.ts';

/** One reported subject in the ops queue: the content inline, its reports, and the report rates. */
export interface ReportQueueItem {
  subject: SubjectRef;
  /** null when the subject no longer exists. */
  content: ReportedSubject | null;
  shopName: string | null;
  openedAt: Date;
  reports: (QueuedReport & {
    state: ReportState;
    effect: ReportEffect | null;
    decisionNote: string | null;
  })[];
  /** Reports against this subject, and against its shop, in the last 7 days (any state). */
  reports7d: number;
  shopReports7d: number | null;
}

interface SubjectGroup {
  subjectType: SubjectRef['type'];
  subjectId: number;
  openedAt: Date;
}

/**
 * The subjects with reports in `state`, one item each: open ones oldest report first (the order a
 * reviewer works in), decided ones latest decision first.
 */
export async function listReportQueue(
  db: Executor,
  clock: Clock,
  query: { state: ReportState; limit: number; offset: number },
): Promise<{ items: ReportQueueItem[]; total: number; limit: number; offset: number }> {
  const open = query.state === 'open';
  const [groups, count] = await Promise.all([
    db
      .selectFrom('buyerReports')
      .select(['subjectType', 'subjectId', (eb) => eb.fn.min('createdAt').as('openedAt')])
      .select(sql<Date>`max(decided_at)`.as('decidedAt'))
      .where('state', '=', query.state)
      .groupBy(['subjectType', 'subjectId'])
      .orderBy(open ? sql`min(created_at)` : sql`max(decided_at) desc`)
      .limit(query.limit)
      .offset(query.offset)
      .execute(),
    db
      .selectFrom('buyerReports')
      .select(sql<number>`count(distinct (subject_type, subject_id))`.as('n'))
      .where('state', '=', query.state)
      .executeTakeFirstOrThrow(),
  ]);
  const items = await describeGroups(db, clock, groups as SubjectGroup[], query.state);
  return { items, total: Number(count.n), limit: query.limit, offset: query.offset };
}

async function describeGroups(
  db: Executor,
  clock: Clock,
  groups: SubjectGroup[],
  state: ReportState,
): Promise<ReportQueueItem[]> {
  if (groups.length === 0) return [];
  const refs = groups.map((g) => ({ type: g.subjectType, id: g.subjectId }));
  const reports = await db
    .selectFrom('buyerReports')
    .select([
      'id',
      'subjectType',
      'subjectId',
      'reporterId',
      'reason',
      'text',
      'evidenceFileIds',
      'createdAt',
      'state',
      'effect',
      'decisionNote',
    ])
    .where('state', '=', state)
    .where(
      sql<boolean>`(subject_type, subject_id) in (${sql.join(refs.map((s) => sql`(${s.type}, ${s.id})`))})`,
    )
    .orderBy('id')
    .execute();
  const subjects = await readSubjects(db, refs);
  const shopIds = [...new Set([...subjects.values()].map((s) => s.shopId).filter((id) => id !== null))];
  const [reporters, shops, rates] = await Promise.all([
    displayNames(db, [...new Set(reports.map((r) => r.reporterId))]),
    shopNames(db, shopIds),
    reportRates(db, clock.now(), refs, shopIds),
  ]);
  return refs.map((ref, i) => {
    const key = subjectKey(ref);
    const content = subjects.get(key) ?? null;
    const shopId = content?.shopId ?? null;
    return {
      subject: ref,
      content,
      shopName: shopId === null ? null : (shops.get(shopId) ?? null),
      openedAt: groups[i]!.openedAt,
      reports: reports
        .filter((r) => r.subjectType === ref.type && r.subjectId === ref.id)
        .map(({ subjectType: _t, subjectId: _i, evidenceFileIds, ...r }) => ({
          ...r,
          evidenceFileIds: evidenceFileIds.map(Number),
          reporterName: reporters.get(r.reporterId) ?? '',
        })),
      reports7d: rates.bySubject.get(key) ?? 0,
      shopReports7d: shopId === null ? null : (rates.byShop.get(shopId) ?? 0),
    };
  });
}

/**
 * What waits in triage's `reports` queue: each subject with open reports, since its oldest, and (for
 * the queue's page) what it is as written. Triage reads this; reports does not know triage.
 */
export async function openReportSubjects(
  db: Executor,
  options: { limit: number; titles: boolean },
): Promise<{ subject: SubjectRef; title: string | null; openedAt: Date; reports: number }[]> {
  const groups = await db
    .selectFrom('buyerReports')
    .select(['subjectType', 'subjectId', (eb) => eb.fn.min('createdAt').as('openedAt')])
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('state', '=', 'open')
    .groupBy(['subjectType', 'subjectId'])
    .orderBy(sql`min(created_at)`)
    .limit(options.limit)
    .execute();
  const refs = groups.map((g) => ({ type: g.subjectType, id: g.subjectId }));
  const subjects = options.titles ? await readSubjects(db, refs) : new Map<string, ReportedSubject>();
  return groups.map((g, i) => ({
    subject: refs[i]!,
    title: subjects.get(subjectKey(refs[i]!))?.text ?? null,
    openedAt: g.openedAt as Date,
    reports: Number(g.n),
  }));
}
