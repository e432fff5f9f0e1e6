import type { Tx } from '../db.ts';

export interface DeadlineRequest {
  /** '<module>.<action>', e.g. 'orders.cancel_unpaid'; the handler map is keyed by it. */
  kind: string;
  /** Id of the record the deadline is about (the kind says which table). */
  subjectId: number;
  dueAt: Date;
}

export function checkKey(kind: string, subjectId: number): void {
  if (kind.trim() === '') throw new Error('deadline kind must not be empty');
  if (!Number.isSafeInteger(subjectId) || subjectId <= 0) {
    throw new Error(`deadline subjectId must be a positive integer, got ${subjectId}`);
  }
}

export function checkDueAt(dueAt: Date): void {
  if (!(dueAt instanceof Date) || Number.isNaN(dueAt.getTime()))
    throw new Error('deadline dueAt must be a valid Date');
}

/**
 * Schedules `kind` for `subjectId` at `dueAt`, inside the caller's transaction: the deadline exists
 * exactly when the business change that set it commits. A deadline already pending for the same
 * (kind, subject) is kept as it is (use `rescheduleDeadline` to move it).
 * @returns whether a new deadline was created.
 */
export async function scheduleDeadline(tx: Tx, request: DeadlineRequest): Promise<boolean> {
  checkKey(request.kind, request.subjectId);
  checkDueAt(request.dueAt);
  const inserted = await tx
    .insertInto('deadlines')
    .values({ kind: request.kind, subjectId: request.subjectId, dueAt: request.dueAt })
    .onConflict((oc) => oc.columns(['kind', 'subjectId']).where('status', '=', 'pending').doNothing())
    .returning('id')
    .executeTakeFirst();
  return inserted !== undefined;
}

/**
 * Cancels the pending `kind` deadline of `subjectId`, inside the caller's transaction. If a runner is
 * firing it right now, this waits for that to commit and then finds nothing pending.
 * @returns whether a pending deadline was cancelled (false: none, or it already fired).
 */
export async function cancelDeadline(tx: Tx, kind: string, subjectId: number): Promise<boolean> {
  checkKey(kind, subjectId);
  const result = await tx
    .updateTable('deadlines')
    .set({ status: 'cancelled' })
    .where('kind', '=', kind)
    .where('subjectId', '=', subjectId)
    .where('status', '=', 'pending')
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/**
 * Moves the pending `kind` deadline of `subjectId` to `dueAt`, inside the caller's transaction. It never
 * revives a deadline that already fired or was cancelled.
 * @returns whether a pending deadline was moved.
 */
export async function rescheduleDeadline(tx: Tx, request: DeadlineRequest): Promise<boolean> {
  checkKey(request.kind, request.subjectId);
  checkDueAt(request.dueAt);
  const result = await tx
    .updateTable('deadlines')
    .set({ dueAt: request.dueAt })
    .where('kind', '=', request.kind)
    .where('subjectId', '=', request.subjectId)
    .where('status', '=', 'pending')
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}
