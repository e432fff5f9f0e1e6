import type { Executor } from '../../platform/db.ts';
import { notFound } from '../../platform/errors.ts';
import { readCurrentConfig } from '../configuration/index.ts';
import { appealDeadline } from './appeal-window.rule.ts';
import {
  isViolationCode,
  type PenaltyKind,
  type PenaltyParams,
  type Severity,
  type SubjectType,
  VIOLATION_CATALOGUE,
  type ViolationSource,
} from './catalogue.ts';
import type {
  AppealState,
  GovernanceRecord,
  Milestone,
  PenaltyState,
  ViolationState,
} from './governance.tables.ts';

export interface PenaltyView {
  id: number;
  violationId: number;
  kind: PenaltyKind;
  state: PenaltyState;
  milestone: Milestone | null;
  params: PenaltyParams;
  startsAt: Date;
  endsAt: Date | null;
  endedAt: Date | null;
}

export interface AppealView {
  id: number;
  violationId: number;
  shopId: number;
  attempt: number;
  filedBy: number;
  text: string;
  fileIds: number[];
  state: AppealState;
  decidedBy: number | null;
  decisionReason: string | null;
  createdAt: Date;
  decidedAt: Date | null;
}

export interface ViolationView {
  id: number;
  shopId: number | null;
  hostUserId: number | null;
  code: string;
  severity: Severity;
  points: number;
  description: { zh: string; en: string };
  subject: { type: SubjectType; id: number | null };
  evidence: { text: string; fileIds: number[] };
  source: ViolationSource;
  state: ViolationState;
  /** Warned: fix by then, else it is enforced. */
  fixBy: Date | null;
  /** Appeals are accepted until then (at most 2). */
  appealBy: Date;
  penalties: PenaltyView[];
  appeals: AppealView[];
  /** Every state it, its penalties and its appeals entered, oldest first (governance.store.ts writes it). */
  timeline: GovernanceEventView[];
  createdAt: Date;
}

export interface GovernanceEventView {
  record: GovernanceRecord;
  recordId: number;
  fromState: string | null;
  toState: string;
  actorId: number | null;
  note: string;
  at: Date;
}

export const penaltyColumns = [
  'id',
  'violationId',
  'kind',
  'state',
  'milestone',
  'params',
  'startsAt',
  'endsAt',
  'endedAt',
] as const;

export const appealColumns = [
  'id',
  'violationId',
  'shopId',
  'attempt',
  'filedBy',
  'text',
  'fileIds',
  'state',
  'decidedBy',
  'decisionReason',
  'createdAt',
  'decidedAt',
] as const;

const violationColumns = [
  'id',
  'shopId',
  'hostUserId',
  'code',
  'severity',
  'points',
  'subjectType',
  'subjectId',
  'evidenceText',
  'evidenceFileIds',
  'source',
  'state',
  'fixBy',
  'createdAt',
] as const;

export interface ViolationFilter {
  shopId?: number;
  code?: string;
  state?: ViolationState;
  source?: ViolationSource;
  limit: number;
  offset: number;
}

/** Violations with their penalties and appeals, newest first: one query per table for the page. */
export async function listViolations(
  db: Executor,
  filter: ViolationFilter,
): Promise<{ items: ViolationView[]; total: number; limit: number; offset: number }> {
  let query = db.selectFrom('governanceViolations');
  if (filter.shopId !== undefined) query = query.where('shopId', '=', filter.shopId);
  if (filter.code !== undefined) query = query.where('code', '=', filter.code);
  if (filter.state !== undefined) query = query.where('state', '=', filter.state);
  if (filter.source !== undefined) query = query.where('source', '=', filter.source);
  const [rows, count] = await Promise.all([
    query
      .select(violationColumns)
      .orderBy('createdAt', 'desc')
      .orderBy('id', 'desc')
      .limit(filter.limit)
      .offset(filter.offset)
      .execute(),
    query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return {
    items: await toViews(db, rows),
    total: Number(count.n),
    limit: filter.limit,
    offset: filter.offset,
  };
}

export async function getViolationView(db: Executor, violationId: number): Promise<ViolationView> {
  const row = await db
    .selectFrom('governanceViolations')
    .select(violationColumns)
    .where('id', '=', violationId)
    .executeTakeFirst();
  if (!row) throw notFound('violation', violationId);
  return (await toViews(db, [row]))[0]!;
}

type ViolationRow = Awaited<ReturnType<typeof rowsOf>>[number];
const rowsOf = (db: Executor) => db.selectFrom('governanceViolations').select(violationColumns).execute();

async function toViews(db: Executor, rows: readonly ViolationRow[]): Promise<ViolationView[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const [penalties, appeals, events, { config }] = await Promise.all([
    db
      .selectFrom('governancePenalties')
      .select(penaltyColumns)
      .where('violationId', 'in', ids)
      .orderBy('id')
      .execute(),
    db
      .selectFrom('governanceAppeals')
      .select(appealColumns)
      .where('violationId', 'in', ids)
      .orderBy('id')
      .execute(),
    db
      .selectFrom('governanceEvents')
      .select(['violationId', 'record', 'recordId', 'fromState', 'toState', 'actorId', 'note', 'at'])
      .where('violationId', 'in', ids)
      .orderBy('id')
      .execute(),
    readCurrentConfig(db),
  ]);
  return rows.map((r) => {
    const entry = isViolationCode(r.code) ? VIOLATION_CATALOGUE[r.code] : undefined;
    return {
      id: r.id,
      shopId: r.shopId,
      hostUserId: r.hostUserId,
      code: r.code,
      severity: r.severity,
      points: r.points,
      description: { zh: entry?.zh ?? r.code, en: entry?.en ?? r.code },
      subject: { type: r.subjectType, id: r.subjectId },
      evidence: { text: r.evidenceText, fileIds: r.evidenceFileIds.map(Number) },
      source: r.source,
      state: r.state,
      fixBy: r.fixBy,
      appealBy: appealDeadline(r.createdAt, config.governance),
      penalties: penalties.filter((p) => p.violationId === r.id),
      appeals: appeals
        .filter((a) => a.violationId === r.id)
        .map((a) => ({ ...a, fileIds: a.fileIds.map(Number) })),
      timeline: events.filter((e) => e.violationId === r.id).map(({ violationId: _, ...e }) => e),
      createdAt: r.createdAt,
    };
  });
}
