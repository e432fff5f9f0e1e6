import type { Insertable, Updateable } from 'kysely';
import type { Executor, Tx } from '../../platform/db.ts';
import { transitionRow } from '../../platform/state-machine.ts';
import { CASE_START, caseTransitions } from './case.machine.ts';
import type { CaseState, TrustCasesTable } from './engine.tables.ts';

/**
 * The one way review cases are opened and change state: each move is checked against the case machine,
 * updates only a case still in the state it was read in (a lost race is a 409, never an overwrite),
 * and writes the case's timeline.
 */

export interface CaseChange {
  actorId: number | null;
  note: string;
  now: Date;
}

/** Opens the cases of review decisions (one statement for a batch) and writes their first events. */
export async function openCases(
  tx: Executor,
  cases: readonly Omit<Insertable<TrustCasesTable>, 'state'>[],
  change: CaseChange,
): Promise<{ id: number; decisionId: number }[]> {
  if (cases.length === 0) return [];
  const opened = await tx
    .insertInto('trustCases')
    .values(cases.map((c) => ({ ...c, state: CASE_START })))
    .returning(['id', 'decisionId'])
    .execute();
  await tx
    .insertInto('trustCaseEvents')
    .values(
      opened.map((c) => ({
        caseId: c.id,
        fromState: null,
        toState: CASE_START,
        assignee: null,
        actorId: change.actorId,
        note: change.note,
        at: change.now,
      })),
    )
    .execute();
  return opened;
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
