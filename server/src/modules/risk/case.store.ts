import { sql, type Updateable } from 'kysely';
import type { Executor, Tx } from '../../platform/db.ts';
import { transitionRow } from '../../platform/state-machine.ts';
import { CASE_START, caseTransitions } from './case.machine.ts';
import type { CaseState, TrustCasesTable } from './engine.tables.ts';
import type { Subject } from './labels.service.ts';

/**
 * The one way review cases are opened (or joined) and change state: each move is checked against the case machine,
 * updates only a case still in the state it was read in (a lost race is a 409, never an overwrite),
 * and writes the case's timeline.
 */

export interface CaseChange {
  actorId: number | null;
  note: string;
  now: Date;
}

/** A review decision joining the case of its rule and case subject (case-subject.rule.ts). */
export interface CaseHit {
  decisionId: number;
  ruleId: string;
  /** Whom the case is kept for: the velocity rule's buyer or shop, else the decision's subject. */
  caseSubject: Subject;
  /** The decision's own subject (the order, the comment). */
  subject: Subject;
}

/**
 * Adds review decisions to the open case of their checkpoint, rule and case subject, opening the case
 * when there is none (one statement for a batch, whatever its size). Safe across processes: the
 * partial unique index over unresolved cases is the arbiter of `insert … on conflict`, so two
 * processes deciding at once join one case; a case resolved meanwhile no longer conflicts and a new
 * one opens. Only an opened case gets a timeline event; a joined one counts the hit.
 */
export async function joinCases(
  tx: Executor,
  checkpoint: string,
  hits: readonly CaseHit[],
  change: CaseChange,
): Promise<Map<number, number>> {
  const caseOfDecision = new Map<number, number>();
  if (hits.length === 0) return caseOfDecision;
  const keyOf = (h: Pick<CaseHit, 'ruleId' | 'caseSubject'>) =>
    `${h.ruleId}\u0000${h.caseSubject.type}\u0000${h.caseSubject.id}`;
  const groups = new Map<string, CaseHit[]>();
  for (const hit of hits) groups.set(keyOf(hit), [...(groups.get(keyOf(hit)) ?? []), hit]);
  // One row per case (a statement may not update a row twice), in key order: concurrent batches
  // lock the cases they share in the same order and never deadlock on each other.
  const rows = [...groups.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, g]) => g);
  const { rows: cases } = await sql<{
    id: string;
    ruleId: string;
    subjectType: string;
    subjectId: string;
    opened: boolean;
  }>`
    insert into trust_cases (decision_id, checkpoint, rule_id, subject_type, subject_id, state, opened_at,
                             hit_count, last_hit_at)
    select r.d, ${checkpoint}, r.rule, r.st, r.sid, ${CASE_START}, ${change.now}::timestamptz, r.n,
           ${change.now}::timestamptz
    from unnest(${rows.map((g) => g[0]!.decisionId)}::bigint[], ${rows.map((g) => g[0]!.ruleId)}::text[],
                ${rows.map((g) => g[0]!.caseSubject.type)}::text[], ${rows.map((g) => g[0]!.caseSubject.id)}::bigint[],
                ${rows.map((g) => g.length)}::int[])
      with ordinality as r(d, rule, st, sid, n, i)
    order by r.i
    on conflict (checkpoint, rule_id, subject_type, subject_id) where state <> 'resolved' and rule_id is not null
    do update set hit_count = trust_cases.hit_count + excluded.hit_count,
                  last_hit_at = greatest(trust_cases.last_hit_at, excluded.last_hit_at)
    returning id, rule_id, subject_type, subject_id, (xmax = 0) as opened`.execute(tx);
  const caseIds = new Map(
    cases.map((c) => [
      keyOf({ ruleId: c.ruleId, caseSubject: { type: c.subjectType, id: Number(c.subjectId) } }),
      Number(c.id),
    ]),
  );
  for (const hit of hits) caseOfDecision.set(hit.decisionId, caseIds.get(keyOf(hit))!);
  const opened = cases.filter((c) => c.opened);
  if (opened.length > 0)
    await tx
      .insertInto('trustCaseEvents')
      .values(
        opened.map((c) => ({
          caseId: Number(c.id),
          fromState: null,
          toState: CASE_START,
          assignee: null,
          actorId: change.actorId,
          note: change.note,
          at: change.now,
        })),
      )
      .execute();
  await sql`
    insert into trust_case_hits (case_id, decision_id, subject_type, subject_id, at)
    select h.c, h.d, h.st, h.sid, ${change.now}::timestamptz
    from unnest(${hits.map((h) => caseOfDecision.get(h.decisionId)!)}::bigint[], ${hits.map((h) => h.decisionId)}::bigint[],
                ${hits.map((h) => h.subject.type)}::text[], ${hits.map((h) => h.subject.id)}::bigint[])
      as h(c, d, st, sid)`.execute(tx);
  return caseOfDecision;
}

/** Moves a case read (and locked) by the caller; answers the moved row. */
export async function moveCase(
  tx: Tx,
  found: { id: number; state: CaseState },
  to: CaseState,
  change: CaseChange,
  set: Updateable<TrustCasesTable> = {},
) {
  const moved = await transitionRow(tx, 'trustCases', {
    machine: caseTransitions,
    what: `case ${found.id}`,
    key: { id: found.id },
    from: found.state,
    to,
    set,
  });
  await tx
    .insertInto('trustCaseEvents')
    .values({
      caseId: found.id,
      fromState: found.state,
      toState: to,
      assignee: moved.assignee,
      actorId: change.actorId,
      note: change.note.slice(0, 4000),
      at: change.now,
    })
    .execute();
  return moved;
}
