import { sql } from 'kysely';
import { type Db, type Executor, inTransaction, type Tx } from '../../platform/db.ts';
import { invalidField, notFound } from '../../platform/errors.ts';
import { isActiveOpsAccount } from '../identity/index.ts';
import { moveCase } from './case.store.ts';
import type { FeatureSnapshot } from './checkpoints.ts';
import type { FiredRule } from './compile-policy.ts';
import type { CaseResolution, CaseState } from './engine.tables.ts';
import { setLabel } from './labels.service.ts';
import type { Outcome } from './rule-language.ts';

export interface CaseView {
  id: number;
  decisionId: number;
  checkpoint: string;
  subject: { type: string; id: number };
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

export interface CaseEventView {
  fromState: CaseState | null;
  toState: CaseState;
  assignee: number | null;
  actorId: number | null;
  note: string;
  at: Date;
}

/** The cases' timelines, one query for a page. */
async function withTimelines(db: Executor, rows: readonly CaseRow[]): Promise<CaseView[]> {
  if (rows.length === 0) return [];
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
}: CaseRow): Omit<CaseView, 'timeline'> => ({
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
 * Resolves a case with a label. `fraud` labels the subject, so the label feeds the features of its next
 * decisions and the backtests; `legit` stays on the case (a negative example for precision). The
 * checkpoint's hook decides the subject in the same transaction.
 */
export async function resolveCase(
  db: Executor,
  input: { caseId: number; resolution: CaseResolution; note: string; userId: number; now: Date },
  hooks: CaseHooks = {},
): Promise<CaseView> {
  return inTransaction(db, async (tx) => {
    const resolved = await markResolved(tx, await lockCase(tx, input.caseId), input);
    await hooks[resolved.checkpoint]?.(tx, {
      caseId: input.caseId,
      decisionId: resolved.decisionId,
      subject: { type: resolved.subjectType, id: resolved.subjectId },
      resolution: input.resolution,
      note: input.note,
      userId: input.userId,
      now: input.now,
    });
    return getCase(tx, input.caseId);
  });
}

/**
 * Resolves every unresolved case of a subject at a checkpoint, when its subject was decided elsewhere
 * (ops approved the listing itself): the cases carry the same decision. Returns the cases resolved.
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
    .selectFrom('trustCases')
    .select(['id', 'state', 'assignee'])
    .where('checkpoint', '=', input.checkpoint)
    .where('subjectType', '=', input.subject.type)
    .where('subjectId', '=', input.subject.id)
    .where('state', '<>', 'resolved')
    .orderBy('id')
    .forUpdate()
    .execute();
  for (const found of open) await markResolved(tx, found, { ...input, caseId: found.id });
  return open.map((c) => c.id);
}

async function markResolved(
  tx: Tx,
  found: LockedCase,
  input: { caseId: number; resolution: CaseResolution; note: string; userId: number; now: Date },
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
  if (input.resolution === 'fraud')
    await setLabel(tx, {
      subject: { type: resolved.subjectType, id: resolved.subjectId },
      label: 'fraud',
      setBy: input.userId,
      note: `case ${input.caseId}: ${input.note}`,
      now: input.now,
    });
  return resolved;
}
