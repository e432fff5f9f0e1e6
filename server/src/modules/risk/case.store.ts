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
 * when there is none (one statement for a batch, whatever its size). A joiner only takes a share lock
 * on the open case, so one shop's burst of listings joins its case concurrently instead of queueing on
 * the case row until each commits; resolving the case (an update) waits for the joiners in flight, and
 * a joiner waiting on a resolution finds the case resolved and opens a new one. Safe across processes:
 * the partial unique index over unresolved cases is the arbiter of the opening `insert … on conflict`,
 * so two processes opening at once join one case. Only an opened case gets a timeline event; the hits
 * are rows of trust_case_hits (a case's hit count is counted from them). Cases, their opening events
 * and the hits are written by one statement.
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
    with k as (
      select * from unnest(${rows.map((g) => g[0]!.decisionId)}::bigint[], ${rows.map((g) => g[0]!.ruleId)}::text[],
                           ${rows.map((g) => g[0]!.caseSubject.type)}::text[], ${rows.map((g) => g[0]!.caseSubject.id)}::bigint[])
        with ordinality as r(d, rule, st, sid, i)
    ),
    found as (
      select c.id, c.rule_id, c.subject_type, c.subject_id
      from k join trust_cases c
        on c.checkpoint = ${checkpoint} and c.rule_id = k.rule and c.subject_type = k.st and c.subject_id = k.sid
      where c.state <> 'resolved'
      order by k.i
      for share of c
    ),
    opened as (
      insert into trust_cases (decision_id, checkpoint, rule_id, subject_type, subject_id, state, opened_at)
      select k.d, ${checkpoint}, k.rule, k.st, k.sid, ${CASE_START}, ${change.now}::timestamptz
      from k
      where not exists (select 1 from found f where f.rule_id = k.rule and f.subject_type = k.st and f.subject_id = k.sid)
      order by k.i
      on conflict (checkpoint, rule_id, subject_type, subject_id) where state <> 'resolved' and rule_id is not null
      -- opened by another transaction meanwhile: join it (a no-op update, to return its id)
      do update set rule_id = excluded.rule_id
      returning id, rule_id, subject_type, subject_id, (xmax = 0) as opened
    ),
    joined as (
      select id, rule_id, subject_type, subject_id, false as opened from found
      union all
      select id, rule_id, subject_type, subject_id, opened from opened
    ),
    events as (
      insert into trust_case_events (case_id, from_state, to_state, assignee, actor_id, note, at)
      select id, null, ${CASE_START}, null, ${change.actorId}::bigint, ${change.note}, ${change.now}::timestamptz
      from opened where opened
    ),
    hits as (
      insert into trust_case_hits (case_id, decision_id, subject_type, subject_id, at)
      select j.id, h.d, h.st, h.sid, ${change.now}::timestamptz
      from unnest(${hits.map((h) => h.decisionId)}::bigint[], ${hits.map((h) => h.ruleId)}::text[],
                  ${hits.map((h) => h.caseSubject.type)}::text[], ${hits.map((h) => h.caseSubject.id)}::bigint[],
                  ${hits.map((h) => h.subject.type)}::text[], ${hits.map((h) => h.subject.id)}::bigint[])
        as h(d, rule, cst, csid, st, sid)
      join joined j on j.rule_id = h.rule and j.subject_type = h.cst and j.subject_id = h.csid
    )
    select id, rule_id, subject_type, subject_id, opened from joined`.execute(tx);
  const caseIds = new Map(
    cases.map((c) => [
      keyOf({ ruleId: c.ruleId, caseSubject: { type: c.subjectType, id: Number(c.subjectId) } }),
      Number(c.id),
    ]),
  );
  for (const hit of hits) caseOfDecision.set(hit.decisionId, caseIds.get(keyOf(hit))!);
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
