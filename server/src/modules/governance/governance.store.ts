import type { Insertable, Updateable } from 'kysely';
import type { Tx } from '../../platform/db.ts';
import { AppError } from '../../platform/errors.ts';
import { assertTransition, checkGuard, transitionRow } from '../../platform/state-machine.ts';
import {
  APPEAL_START,
  appealTransitions,
  PENALTY_START,
  penaltyTransitions,
  VIOLATION_START,
  violationGuards,
  violationTransitions,
} from './governance.machine.ts';
import type {
  AppealState,
  GovernanceAppealsTable,
  GovernancePenaltiesTable,
  GovernanceRecord,
  GovernanceViolationsTable,
  PenaltyState,
  ViolationState,
} from './governance.tables.ts';
import { type AppealView, appealColumns } from './violation-view.ts';

/**
 * The one way violations, penalties and appeals are created and change state: each move is checked
 * against its machine (governance.machine.ts) and its guard, updates only a row still in the state it
 * was read in (a lost race is a 409, never a silent overwrite), and writes the violation's timeline.
 */

/** Who moves a record, why, and when. */
export interface Change {
  actorId: number | null;
  note: string;
  now: Date;
}

function assertStart<S extends string>(starts: readonly S[], what: string, state: S): void {
  if (!starts.includes(state)) {
    throw new AppError('invalid_transition', `a ${what} cannot start ${state}`, { to: state });
  }
}

async function writeEvent(
  tx: Tx,
  event: { violationId: number; record: GovernanceRecord; recordId: number; from: string | null; to: string },
  change: Change,
): Promise<void> {
  await tx
    .insertInto('governanceEvents')
    .values({
      violationId: event.violationId,
      record: event.record,
      recordId: event.recordId,
      fromState: event.from,
      toState: event.to,
      actorId: change.actorId,
      note: change.note.slice(0, 4000),
      at: change.now,
    })
    .execute();
}

export async function createViolation(
  tx: Tx,
  values: Insertable<GovernanceViolationsTable>,
  change: Change,
): Promise<number> {
  assertStart(VIOLATION_START, 'violation', values.state);
  const { id } = await tx
    .insertInto('governanceViolations')
    .values(values)
    .returning('id')
    .executeTakeFirstOrThrow();
  await writeEvent(
    tx,
    { violationId: id, record: 'violation', recordId: id, from: null, to: values.state },
    change,
  );
  return id;
}

/** The violation as read (and locked) by the caller. */
export interface ViolationRow {
  id: number;
  state: ViolationState;
  fixBy: Date | null;
}

export async function moveViolation(
  tx: Tx,
  v: ViolationRow,
  to: ViolationState,
  change: Change,
): Promise<void> {
  const what = `violation ${v.id}`;
  assertTransition(violationTransitions, what, v.state, to);
  checkGuard(violationGuards, to, { fixBy: v.fixBy, now: change.now });
  await transitionRow(tx, 'governanceViolations', {
    machine: violationTransitions,
    what,
    key: { id: v.id },
    from: v.state,
    to,
    set: { updatedAt: change.now },
  });
  await writeEvent(tx, { violationId: v.id, record: 'violation', recordId: v.id, from: v.state, to }, change);
}

export async function createPenalty(
  tx: Tx,
  values: Insertable<GovernancePenaltiesTable>,
  change: Change,
): Promise<number> {
  assertStart(PENALTY_START, 'penalty', values.state);
  const { id } = await tx
    .insertInto('governancePenalties')
    .values(values)
    .returning('id')
    .executeTakeFirstOrThrow();
  await writeEvent(
    tx,
    { violationId: values.violationId, record: 'penalty', recordId: id, from: null, to: values.state },
    change,
  );
  return id;
}

/** The penalty as read (and locked) by the caller. */
export interface PenaltyRef {
  id: number;
  violationId: number;
  state: PenaltyState;
}

/** Ends or reverses a penalty; `set` carries the columns that go with the move (params of a refund). */
export async function movePenalty(
  tx: Tx,
  p: PenaltyRef,
  to: PenaltyState,
  change: Change,
  set: Updateable<GovernancePenaltiesTable> = {},
): Promise<void> {
  await transitionRow(tx, 'governancePenalties', {
    machine: penaltyTransitions,
    what: `penalty ${p.id}`,
    key: { id: p.id },
    from: p.state,
    to,
    set: { ...set, endedAt: change.now },
  });
  await writeEvent(
    tx,
    { violationId: p.violationId, record: 'penalty', recordId: p.id, from: p.state, to },
    change,
  );
}

/** Ends the active warnings of a violation (it was fixed or enforced); one statement for the set. */
export async function endActiveWarnings(tx: Tx, violationId: number, change: Change): Promise<void> {
  assertTransition(penaltyTransitions, 'warning', 'active', 'ended');
  const ended = await tx
    .updateTable('governancePenalties')
    .set({ state: 'ended', endedAt: change.now })
    .where('violationId', '=', violationId)
    .where('kind', '=', 'warning')
    .where('state', '=', 'active')
    .returning('id')
    .execute();
  for (const { id } of ended) {
    await writeEvent(
      tx,
      { violationId, record: 'penalty', recordId: id, from: 'active', to: 'ended' },
      change,
    );
  }
}

export async function createAppeal(
  tx: Tx,
  values: Insertable<GovernanceAppealsTable>,
  change: Change,
): Promise<Omit<AppealView, 'fileIds'> & { fileIds: unknown[] }> {
  assertStart(APPEAL_START, 'appeal', values.state);
  const row = await tx
    .insertInto('governanceAppeals')
    .values(values)
    .returning(appealColumns)
    .executeTakeFirstOrThrow();
  await writeEvent(
    tx,
    { violationId: values.violationId, record: 'appeal', recordId: row.id, from: null, to: values.state },
    change,
  );
  return row;
}

/** The appeal as read (and locked) by the caller. */
export interface AppealRef {
  id: number;
  violationId: number;
  state: AppealState;
}

/** An arbiter's decision: the appeal leaves pending with who decided and why. */
export async function decideAppealState(
  tx: Tx,
  a: AppealRef,
  to: AppealState,
  change: Change & { actorId: number; reason: string },
): Promise<Omit<AppealView, 'fileIds'> & { fileIds: unknown[] }> {
  const decided = await transitionRow(tx, 'governanceAppeals', {
    machine: appealTransitions,
    what: `appeal ${a.id}`,
    key: { id: a.id },
    from: a.state,
    to,
    set: { decidedBy: change.actorId, decisionReason: change.reason, decidedAt: change.now },
  });
  await writeEvent(
    tx,
    { violationId: a.violationId, record: 'appeal', recordId: a.id, from: a.state, to },
    change,
  );
  return decided;
}
