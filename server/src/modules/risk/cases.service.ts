import { sql } from 'kysely';
import { type Db, type Executor, inTransaction, type Tx } from '../../platform/db.ts';
import { invalidField, notFound } from '../../platform/errors.ts';
import { isActiveOpsAccount } from '../identity/index.ts';
import { moveCase } from './case.store.ts';
import type { FeatureSnapshot } from './checkpoints.ts';
import type { FiredRule } from './compile-policy.ts';
import type { CaseResolution, CaseState } from './engine.tables.ts';
import type { Outcome } from './rule-language.ts';

export interface CaseView {
  id: number;
  /** The decision that opened the case. */
  decisionId: number;
  checkpoint: string;
  /** Whom the case is kept for: the buyer or shop a velocity rule counts, else the decision's subject. */
  subject: { type: string; id: number };
  /** The rule the case is kept for (null: opened before cases were kept per rule and subject). */
  ruleId: string | null;
  /** Review decisions joined to the case, the first included. */
  hitCount: number;
  lastHitAt: Date;
  /** The latest hits (at most HITS_SHOWN), newest first: each decision and its own subject. */
  hits: CaseHitView[];
  state: CaseState;
  assignee: number | null;
  resolution: CaseResolution | null;
  note: string | null;
  resolvedBy: number | null;
  openedAt: Date;
  assignedAt: Date | null;
  resolvedAt: Date | null;
  decision: { outcome: Outcome; fired: FiredRule[]; features: FeatureSnapshot; policyVersion: number };
  /** Every state the case entered, oldest first: who opened, assigned (to whom) and resolved it. */
  timeline: CaseEventView[];
}

export interface CaseHitView {
  decisionId: number;
  subject: { type: string; id: number };
  at: Date;
  /** Set once the hit is decided, with its case or on its own. */
  resolution: CaseResolution | null;
  resolvedAt: Date | null;
}

/** Hits listed with a case; `hitCount` counts them all. */
export const HITS_SHOWN = 100;

export interface CaseEventView {
  fromState: CaseState | null;
  toState: CaseState;
  assignee: number | null;
  actorId: number | null;
  note: string;
  at: Date;
}

/** The cases' timelines and latest hits, two queries for a page. */
async function withTimelines(db: Executor, rows: readonly CaseRow[]): Promise<CaseView[]> {
  if (rows.length === 0) return [];
  const { rows: hits } = await sql<{
    caseId: string;
    decisionId: string;
    subjectType: string;
    subjectId: string;
    at: Date;
    resolution: CaseResolution | null;
    resolvedAt: Date | null;
  }>`
    select c.id as case_id, h.decision_id, h.subject_type, h.subject_id, h.at, h.resolution, h.resolved_at
    from unnest(${rows.map((r) => r.id)}::bigint[]) as c(id)
    cross join lateral (
      select * from trust_case_hits h where h.case_id = c.id order by h.id desc limit ${HITS_SHOWN}
    ) h`.execute(db);
  const events = await db
    .selectFrom('trustCaseEvents')
    .select(['caseId', 'fromState', 'toState', 'assignee', 'actorId', 'note', 'at'])
    .where(
      'caseId',
      'in',
      rows.map((r) => r.id),
    )
    .orderBy('id')
    .execute();
  return rows.map((r) => ({
    ...toView(r),
    hits: hits
      .filter((h) => Number(h.caseId) === r.id)
      .map((h) => ({
        decisionId: Number(h.decisionId),
        subject: { type: h.subjectType, id: Number(h.subjectId) },
        at: h.at,
        resolution: h.resolution,
        resolvedAt: h.resolvedAt,
      })),
    timeline: events.filter((e) => e.caseId === r.id).map(({ caseId: _, ...e }) => e),
  }));
}

function caseQuery(db: Executor) {
  return db
    .selectFrom('trustCases as c')
    .innerJoin('trustDecisions as d', 'd.id', 'c.decisionId')
    .select([
      'c.id',
      'c.decisionId',
      'c.checkpoint',
      'c.subjectType',
      'c.subjectId',
      'c.state',
      'c.assignee',
      'c.resolution',
      'c.note',
      'c.resolvedBy',
      'c.openedAt',
      'c.assignedAt',
      'c.resolvedAt',
      'c.ruleId',
      // counted from the hits (a joining decision does not update the case row: case.store.ts)
      sql<number>`(select count(*)::int from trust_case_hits h where h.case_id = c.id)`.as('hitCount'),
      sql<Date>`(select max(h.at) from trust_case_hits h where h.case_id = c.id)`.as('lastHitAt'),
      'd.outcome',
      'd.policyVersion',
      // as text: the CamelCasePlugin would rename keys inside the documents
      sql<string>`d.fired::text`.as('fired'),
      sql<string>`d.features::text`.as('features'),
    ]);
}

type CaseRow = Awaited<ReturnType<ReturnType<typeof caseQuery>['executeTakeFirstOrThrow']>>;

const toView = ({
  subjectType,
  subjectId,
  outcome,
  policyVersion,
  fired,
  features,
  ...rest
}: CaseRow): Omit<CaseView, 'timeline' | 'hits'> => ({
  ...rest,
  subject: { type: subjectType, id: subjectId },
  decision: { outcome, policyVersion, fired: JSON.parse(fired), features: JSON.parse(features) },
});

/** The review queue, oldest first, filtered by checkpoint, state, assignee and subject. */
export async function listCases(
  db: Executor,
  input: {
    checkpoint?: string;
    state?: CaseState;
    assignee?: number;
    subject?: { type: string; id: number };
    limit: number;
    offset: number;
  },
) {
  let query = caseQuery(db);
  let count = db.selectFrom('trustCases as c').select(sql<number>`count(*)::int`.as('n'));
  if (input.checkpoint) {
    query = query.where('c.checkpoint', '=', input.checkpoint);
    count = count.where('c.checkpoint', '=', input.checkpoint);
  }
  if (input.state) {
    query = query.where('c.state', '=', input.state);
    count = count.where('c.state', '=', input.state);
  }
  if (input.assignee !== undefined) {
    query = query.where('c.assignee', '=', input.assignee);
    count = count.where('c.assignee', '=', input.assignee);
  }
  if (input.subject) {
    const { type, id } = input.subject;
    query = query.where('c.subjectType', '=', type).where('c.subjectId', '=', id);
    count = count.where('c.subjectType', '=', type).where('c.subjectId', '=', id);
  }
  const [rows, total] = await Promise.all([
    query.orderBy('c.id').limit(input.limit).offset(input.offset).execute(),
    count.executeTakeFirstOrThrow(),
  ]);
  return { items: await withTimelines(db, rows), total: total.n, limit: input.limit, offset: input.offset };
}

export async function getCase(db: Executor, id: number): Promise<CaseView> {
  const row = await caseQuery(db).where('c.id', '=', id).executeTakeFirst();
  if (!row) throw notFound('case', id);
  return (await withTimelines(db, [row]))[0]!;
}

/** A case read with a row lock, for a move (not found: 404). */
interface LockedCase {
  id: number;
  state: CaseState;
  assignee: number | null;
}

async function lockCase(tx: Tx, caseId: number): Promise<LockedCase> {
  const found = await tx
    .selectFrom('trustCases')
    .select(['id', 'state', 'assignee'])
    .where('id', '=', caseId)
    .forUpdate()
    .executeTakeFirst();
  if (!found) throw notFound('case', caseId);
  return found;
}

/** Assigns an open or assigned case to an ops account (the caller by default); a resolved one: 409. */
export async function assignCase(
  db: Db,
  input: { caseId: number; assigneeId: number; actorId?: number; now: Date },
): Promise<CaseView> {
  return db.transaction().execute(async (tx) => {
    if (!(await isActiveOpsAccount(tx, input.assigneeId)))
      throw invalidField('assigneeId', 'must be an active ops account');
    const found = await lockCase(tx, input.caseId);
    await moveCase(
      tx,
      found,
      'assigned',
      { actorId: input.actorId ?? input.assigneeId, note: `assigned to ${input.assigneeId}`, now: input.now },
      { assignee: input.assigneeId, assignedAt: input.now },
    );
    return getCase(tx, input.caseId);
  });
}

/** What a resolved case tells the module that owns its subject (the composition root fills it). */
export type CaseResolvedHook = (
  tx: Tx,
  resolved: {
    caseId: number;
    /** The decision that opened the case (content held back by it names it). */
    decisionId: number;
    subject: { type: string; id: number };
    resolution: CaseResolution;
    note: string;
    userId: number;
    now: Date;
  },
) => Promise<void>;

/** Per checkpoint: deciding a case decides its subject (a listing case lists or rejects the product). */
export type CaseHooks = Partial<Record<string, CaseResolvedHook>>;

/**
 * Resolves a case with a label, and with it every hit not decided yet: `fraud` labels the case's
 * subject and each hit's subject, so the label feeds the features of their next decisions and the
 * backtests; `legit` stays on the case (a negative example for precision). The checkpoint's hook
 * decides each hit's subject in the same transaction, as resolving its own case did before cases
 * were kept per rule and subject (a listing case lists or rejects each product it holds).
 */
export async function resolveCase(
  db: Executor,
  input: { caseId: number; resolution: CaseResolution; note: string; userId: number; now: Date },
  hooks: CaseHooks = {},
): Promise<CaseView> {
  return inTransaction(db, async (tx) => {
    const { resolved, hits } = await markResolved(tx, await lockCase(tx, input.caseId), input);
    const hook = hooks[resolved.checkpoint];
    if (hook)
      for (const hit of hits)
        await hook(tx, {
          caseId: input.caseId,
          decisionId: hit.decisionId,
          subject: hit.subject,
          resolution: input.resolution,
          note: input.note,
          userId: input.userId,
          now: input.now,
        });
    return getCase(tx, input.caseId);
  });
}

/**
 * Resolves a subject's hits at a checkpoint when the subject was decided elsewhere (ops approved the
 * listing itself): the hits carry the same decision. A case left with no hit to decide is resolved;
 * a case still holding other subjects' hits (a shop's burst of listings) stays open for them.
 * Returns the cases resolved.
 */
export async function resolveOpenCasesOf(
  tx: Tx,
  input: {
    checkpoint: string;
    subject: { type: string; id: number };
    resolution: CaseResolution;
    note: string;
    userId: number;
    now: Date;
  },
): Promise<number[]> {
  const open = await tx
    .selectFrom('trustCases as c')
    .select(['c.id', 'c.state', 'c.assignee'])
    .where('c.checkpoint', '=', input.checkpoint)
    .where('c.state', '<>', 'resolved')
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('trustCaseHits as h')
          .select('h.id')
          .whereRef('h.caseId', '=', 'c.id')
          .where('h.subjectType', '=', input.subject.type)
          .where('h.subjectId', '=', input.subject.id)
          .where('h.resolvedAt', 'is', null),
      ),
    )
    .orderBy('c.id')
    .forUpdate()
    .execute();
  if (open.length === 0) return [];
  await tx
    .updateTable('trustCaseHits')
    .set({ resolution: input.resolution, resolvedAt: input.now })
    .where(
      'caseId',
      'in',
      open.map((c) => c.id),
    )
    .where('subjectType', '=', input.subject.type)
    .where('subjectId', '=', input.subject.id)
    .where('resolvedAt', 'is', null)
    .execute();
  if (input.resolution === 'fraud')
    await labelFraud(tx, [input.subject], { ...input, note: `decided on its own: ${input.note}` });
  const pending = new Set(
    (
      await tx
        .selectFrom('trustCaseHits')
        .select('caseId')
        .where(
          'caseId',
          'in',
          open.map((c) => c.id),
        )
        .where('resolvedAt', 'is', null)
        .execute()
    ).map((h) => h.caseId),
  );
  const done = open.filter((c) => !pending.has(c.id));
  for (const found of done) await markResolved(tx, found, { ...input, caseId: found.id }, false);
  return done.map((c) => c.id);
}

/**
 * Moves the case to resolved through the case machine and decides its open hits; answers the case
 * and those hits (oldest first). `labelCaseSubject` false: the case closed because its last hit was
 * decided on its own, which says nothing of the buyer or shop it is kept for.
 */
async function markResolved(
  tx: Tx,
  found: LockedCase,
  input: { caseId: number; resolution: CaseResolution; note: string; userId: number; now: Date },
  labelCaseSubject = true,
) {
  const resolved = await moveCase(
    tx,
    found,
    'resolved',
    { actorId: input.userId, note: `${input.resolution}: ${input.note}`, now: input.now },
    {
      resolution: input.resolution,
      note: input.note,
      resolvedBy: input.userId,
      resolvedAt: input.now,
      assignee: found.assignee ?? input.userId,
    },
  );
  const rows = await tx
    .updateTable('trustCaseHits')
    .set({ resolution: input.resolution, resolvedAt: input.now })
    .where('caseId', '=', found.id)
    .where('resolvedAt', 'is', null)
    .returning(['id', 'decisionId', 'subjectType', 'subjectId'])
    .execute();
  const hits = rows
    .sort((a, b) => a.id - b.id)
    .map((h) => ({ decisionId: h.decisionId, subject: { type: h.subjectType, id: h.subjectId } }));
  if (input.resolution === 'fraud') {
    const subjects = hits.map((h) => h.subject);
    if (labelCaseSubject) subjects.unshift({ type: resolved.subjectType, id: resolved.subjectId });
    await labelFraud(tx, subjects, { ...input, note: `case ${input.caseId}: ${input.note}` });
  }
  return { resolved, hits };
}

/** The fraud label on each distinct subject, in one statement however many hits the case had. */
async function labelFraud(
  tx: Tx,
  subjects: readonly { type: string; id: number }[],
  input: { note: string; userId: number; now: Date },
): Promise<void> {
  const distinct = [...new Map(subjects.map((s) => [`${s.type}:${s.id}`, s])).values()];
  if (distinct.length === 0) return;
  const values = { setBy: input.userId, note: input.note.slice(0, 4000), at: input.now };
  // chunks well under PostgreSQL's 65,535 parameters (a case of a buyer's thousands of orders)
  for (let i = 0; i < distinct.length; i += 5_000)
    await tx
      .insertInto('trustLabels')
      .values(
        distinct
          .slice(i, i + 5_000)
          .map((s) => ({ subjectType: s.type, subjectId: s.id, label: 'fraud', ...values })),
      )
      .onConflict((oc) => oc.columns(['subjectType', 'subjectId', 'label']).doUpdateSet(values))
      .execute();
}
