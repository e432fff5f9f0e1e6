import type { Clock } from '../../platform/clock.ts';
import type { Executor } from '../../platform/db.ts';
import { invalidField } from '../../platform/errors.ts';
import { reviewQueue } from '../catalog/index.ts';
import { SCREENED_SUBJECTS, type ScreenedSubject, screenedContent } from '../content/index.ts';
import { displayNames } from '../identity/index.ts';
import { listComplaintQueue } from '../ip/index.ts';
import { openReportSubjects } from '../reports/index.ts';
import { type CaseView, listCases } from '../risk/index.ts';
import { checkpointsOf, dueAt, QUEUES, type Queue, triageOrder } from './queues.ts';

/** How many items a queue page reads from each source: a queue longer than this is a staffing problem. */
const QUEUE_WINDOW = 200;

export interface QueueSubject {
  type: string;
  id: number;
}

export interface QueueItem {
  subject: QueueSubject;
  /** The oldest unresolved review case of the subject in this queue (null: nothing but the listing). */
  caseId: number | null;
  checkpoint: string | null;
  /** What a reviewer reads first: the listing's title, the complaint's text (null: see the case). */
  title: string | null;
  openedAt: Date;
  dueAt: Date;
  overdue: boolean;
  claim: { holderId: number; holderName: string; claimedAt: Date } | null;
}

export interface QueueSummary {
  queue: Queue;
  slaMinutes: number;
  waiting: number;
  overdue: number;
  oldestAt: Date | null;
}

interface Waiting {
  subject: QueueSubject;
  caseId: number | null;
  checkpoint: string | null;
  title: string | null;
  openedAt: Date;
}

export async function slaOf(db: Executor, queue: Queue): Promise<number> {
  const row = await db
    .selectFrom('opsQueueSettings')
    .select('slaMinutes')
    .where('queue', '=', queue)
    .executeTakeFirstOrThrow();
  return row.slaMinutes;
}

async function unresolvedCases(db: Executor, queue: Queue): Promise<CaseView[]> {
  const pages = await Promise.all(
    checkpointsOf(queue).flatMap((checkpoint) =>
      (['open', 'assigned'] as const).map((state) =>
        listCases(db, { checkpoint, state, limit: QUEUE_WINDOW, offset: 0 }),
      ),
    ),
  );
  return pages.flatMap((p) => p.items).sort((a, b) => a.openedAt.getTime() - b.openedAt.getTime());
}

/** One item per subject: its oldest unresolved case opens it. */
function bySubject(cases: CaseView[]): Map<string, Waiting> {
  const items = new Map<string, Waiting>();
  for (const c of cases) {
    const key = `${c.subject.type}:${c.subject.id}`;
    if (!items.has(key))
      items.set(key, {
        subject: c.subject,
        caseId: c.id,
        checkpoint: c.checkpoint,
        title: null,
        openedAt: c.openedAt,
      });
  }
  return items;
}

/** What waits in a queue: its unresolved cases, and for listings every product in review. */
async function waitingIn(db: Executor, queue: Queue, texts: boolean): Promise<Waiting[]> {
  if (queue === 'reports') {
    // Buyer reports: one item per reported subject, decided on the reports page (uphold or dismiss).
    const subjects = await openReportSubjects(db, { limit: QUEUE_WINDOW, titles: texts });
    return subjects.map((s) => ({
      subject: s.subject,
      caseId: null,
      checkpoint: null,
      title: s.title,
      openedAt: s.openedAt,
    }));
  }
  if (queue === 'ip_complaints') {
    const [review, countered] = await Promise.all(
      (['ops_review', 'counter_noticed'] as const).map((state) =>
        listComplaintQueue(db, state, { limit: QUEUE_WINDOW, offset: 0 }),
      ),
    );
    return [...review!.items, ...countered!.items].map((c) => ({
      subject: { type: 'ip_complaint', id: c.id },
      caseId: null,
      checkpoint: null,
      title: c.text,
      openedAt: c.state === 'counter_noticed' ? (c.counterAt ?? c.updatedAt) : c.createdAt,
    }));
  }
  const items = bySubject(await unresolvedCases(db, queue));
  if (queue === 'listings') {
    const inReview = await reviewQueue(db, { state: 'in_review', limit: QUEUE_WINDOW, offset: 0 });
    for (const p of inReview.items) {
      const key = `product:${p.id}`;
      const held = items.get(key);
      if (held) held.title = p.title;
      else
        items.set(key, {
          subject: { type: 'product', id: p.id },
          caseId: null,
          checkpoint: null,
          title: p.title,
          openedAt: p.updatedAt,
        });
    }
  }
  return [...items.values()];
}

const isScreened = (type: string): type is ScreenedSubject =>
  (SCREENED_SUBJECTS as readonly string[]).includes(type);

/** Content items read as written in the list (a comment, review or caption), not as "comment #12". */
async function withContentTexts(db: Executor, items: Waiting[]): Promise<Waiting[]> {
  return Promise.all(
    items.map(async (item) => {
      const type = item.subject.type;
      if (item.title !== null || !isScreened(type)) return item;
      const content = await screenedContent(db, { type, id: item.subject.id }).catch(() => null);
      return { ...item, title: content?.text ?? null };
    }),
  );
}

/** A queue's items, overdue first, each with its age, due time and holder (and content as written). */
export async function queueItems(
  db: Executor,
  clock: Clock,
  queue: Queue,
  options: { texts: boolean } = { texts: true },
): Promise<{ queue: Queue; slaMinutes: number; now: Date; items: QueueItem[] }> {
  const [slaMinutes, waiting, claims] = await Promise.all([
    slaOf(db, queue),
    waitingIn(db, queue, options.texts).then((items) =>
      options.texts ? withContentTexts(db, items) : items,
    ),
    db
      .selectFrom('opsClaims')
      .select(['subjectType', 'subjectId', 'holderId', 'claimedAt'])
      .where('queue', '=', queue)
      .execute(),
  ]);
  const names = await displayNames(db, [...new Set(claims.map((c) => c.holderId))]);
  const claimOf = new Map(claims.map((c) => [`${c.subjectType}:${c.subjectId}`, c]));
  const now = clock.now();
  const items = waiting.map((w): QueueItem => {
    const due = dueAt(w.openedAt, slaMinutes);
    const claim = claimOf.get(`${w.subject.type}:${w.subject.id}`);
    return {
      ...w,
      dueAt: due,
      overdue: due.getTime() < now.getTime(),
      claim: claim
        ? {
            holderId: claim.holderId,
            holderName: names.get(claim.holderId) ?? '',
            claimedAt: claim.claimedAt,
          }
        : null,
    };
  });
  return { queue, slaMinutes, now, items: triageOrder(items, now) };
}

/** Every queue with what waits in it and how much of that is overdue. */
export async function queueSummaries(db: Executor, clock: Clock): Promise<QueueSummary[]> {
  return Promise.all(
    QUEUES.map(async (queue) => {
      const { slaMinutes, items } = await queueItems(db, clock, queue, { texts: false });
      return {
        queue,
        slaMinutes,
        waiting: items.length,
        overdue: items.filter((i) => i.overdue).length,
        oldestAt: items.reduce<Date | null>(
          (oldest, i) => (oldest === null || i.openedAt < oldest ? i.openedAt : oldest),
          null,
        ),
      };
    }),
  );
}

/** A rule admin sets how long items of a queue may wait. */
export async function setSla(
  db: Executor,
  clock: Clock,
  input: { queue: Queue; slaMinutes: number; userId: number },
): Promise<{ queue: Queue; slaMinutes: number }> {
  if (!Number.isSafeInteger(input.slaMinutes) || input.slaMinutes < 1 || input.slaMinutes > 43_200)
    throw invalidField('slaMinutes', 'must be a whole number of minutes from 1 to 43200 (30 days)');
  await db
    .updateTable('opsQueueSettings')
    .set({ slaMinutes: input.slaMinutes, updatedBy: input.userId, updatedAt: clock.now() })
    .where('queue', '=', input.queue)
    .execute();
  return { queue: input.queue, slaMinutes: input.slaMinutes };
}
