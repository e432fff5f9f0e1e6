import type { Insertable, Selectable } from 'kysely';
import type { Tx } from '../../platform/db.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { cancelDeadline, rescheduleDeadline, scheduleDeadline } from '../../platform/scheduler/index.ts';
import { assertTransition, transitionRow } from '../../platform/state-machine.ts';
import { SETTLE_ORDER } from '../fulfilment/index.ts';
import { orderStateOf } from '../orders/index.ts';
import type { ActionContext } from './action-context.ts';
import type { AftersalesRequestsTable, RequestState } from './aftersales.tables.ts';
import type { Explanation } from './decision.ts';
import { requestTransitions, TERMINAL_REQUEST_STATES } from './machines.ts';
import { stateDeadline } from './rules/request-deadline.rule.ts';

/** The deadline of a request's current state; its handler runs the state's default action. */
export const REQUEST_DEADLINE = 'aftersales.request_deadline';

export type RequestRow = Selectable<AftersalesRequestsTable>;

export type { Actor } from './action-context.ts';

/** Why a move happened: plain words, and for an automated decision the rule with its inputs. */
export interface MoveReason {
  explanation: Explanation;
  rule?: string;
  inputs?: Record<string, unknown>;
}

/**
 * Locks a request for a change, in the order the deadline runner takes locks: the request's pending
 * deadline row first, then the request row. A change racing its deadline therefore waits for the
 * deadline's transaction and then sees the state it left (one outcome, never two).
 */
export async function lockRequest(tx: Tx, requestId: number): Promise<RequestRow> {
  await tx
    .selectFrom('deadlines')
    .select('id')
    .where('kind', '=', REQUEST_DEADLINE)
    .where('subjectId', '=', requestId)
    .where('status', '=', 'pending')
    .forUpdate()
    .execute();
  return lockRequestRow(tx, requestId);
}

/** The request row alone, locked (the deadline handler, whose deadline row the runner holds). */
export async function lockRequestRow(tx: Tx, requestId: number): Promise<RequestRow> {
  const row = await tx
    .selectFrom('aftersalesRequests')
    .selectAll()
    .where('id', '=', requestId)
    .forUpdate()
    .executeTakeFirst();
  if (!row) throw notFound('after-sales request', requestId);
  return row;
}

/** 409 unless the request is in one of `states`: the message says what it is and what was needed. */
export function requireState(request: RequestRow, states: readonly RequestState[], action: string): void {
  if (!states.includes(request.state)) {
    throw new AppError(
      'invalid_transition',
      `request ${request.id} is ${request.state}; ${action} needs it ${states.join(' or ')}`,
      { requestId: request.id, state: request.state, allowed: states },
    );
  }
}

/**
 * 409 deadline_passed when the state's deadline has passed: its default action is due (and runs
 * within moments), so a party's late action is refused rather than racing it.
 */
export function requireBeforeDeadline(request: RequestRow, now: Date): void {
  if (request.deadlineAt !== null && request.deadlineAt <= now) {
    throw new AppError(
      'deadline_passed',
      `the deadline of request ${request.id} (${request.state}) passed at ${request.deadlineAt.toISOString()}; its default action (${request.deadlineAction}) applies`,
      { requestId: request.id, deadlineAt: request.deadlineAt, deadlineAction: request.deadlineAction },
    );
  }
}

/** Appends to the request's timeline (state changes, decisions, evidence, communications). */
export async function recordEvent(
  ac: ActionContext,
  request: Pick<RequestRow, 'id' | 'state'>,
  to: RequestState,
  why: MoveReason,
  from: RequestState | null = request.state,
): Promise<void> {
  await ac.tx
    .insertInto('aftersalesEvents')
    .values({
      requestId: request.id,
      fromState: from,
      toState: to,
      actorKind: ac.actor.kind,
      actorId: ac.actor.id,
      rule: why.rule ?? null,
      inputs: why.inputs ? JSON.stringify(why.inputs) : null,
      configVersion: why.rule ? ac.policy.version : null,
      explanationZh: why.explanation.zh,
      explanationEn: why.explanation.en,
      at: ac.now,
    })
    .execute();
}

/** Stores a new request (pending_merchant; its first move sets the deadline) and returns its row. */
export async function insertRequest(
  ac: ActionContext,
  values: Omit<
    Insertable<AftersalesRequestsTable>,
    'state' | 'deadlineAt' | 'deadlineAction' | 'createdAt' | 'updatedAt' | 'closedAt' | 'configVersion'
  >,
): Promise<RequestRow> {
  return ac.tx
    .insertInto('aftersalesRequests')
    .values({
      ...values,
      state: 'pending_merchant',
      // set by the first move
      deadlineAt: ac.now,
      deadlineAction: 'approve',
      configVersion: ac.policy.version,
      createdAt: ac.now,
      updatedAt: ac.now,
      closedAt: null,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** A timeline row as the request's view shows it. */
export const timelineColumns = [
  'fromState',
  'toState',
  'actorKind',
  'rule',
  'inputs',
  'configVersion',
  'explanationZh',
  'explanationEn',
  'at',
] as const;

/**
 * Stores a new request already decided within its opening (极速退款, 闪电退货): the same row, timeline and
 * deadline as `insertRequest` followed by `moveRequest` to `to`, in two statements (three with a
 * deadline) instead of seven. The move is checked against the machine from pending_merchant, as
 * `moveRequest` would; the opening event is the buyer's (`opener`), the decision the context's actor.
 * A terminal `to` must not need settlement scheduled (the caller's order is not completed).
 * Returns the row and its timeline as stored.
 */
export async function insertDecidedRequest(
  ac: ActionContext,
  opener: ActionContext['actor'],
  values: Omit<
    Insertable<AftersalesRequestsTable>,
    'state' | 'deadlineAt' | 'deadlineAction' | 'createdAt' | 'updatedAt' | 'closedAt' | 'configVersion'
  >,
  opened: MoveReason,
  decided: {
    to: RequestState;
    why: MoveReason;
    set?: Partial<Pick<RequestRow, 'approvedFen' | 'autoRule'>>;
  },
) {
  const { tx, now } = ac;
  const { to, why } = decided;
  assertTransition(requestTransitions, 'a new request', 'pending_merchant', to);
  const next = stateDeadline(
    { type: values.type, state: to, receiptExtended: values.receiptExtended ?? false },
    ac.policy.policy,
  );
  const deadlineAt = next ? new Date(now.getTime() + next.afterMs) : null;
  const row = await tx
    .insertInto('aftersalesRequests')
    .values({
      ...values,
      ...decided.set,
      state: to,
      deadlineAt,
      deadlineAction: next?.action ?? null,
      configVersion: ac.policy.version,
      createdAt: now,
      updatedAt: now,
      closedAt: TERMINAL_REQUEST_STATES.includes(to) ? now : null,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  const event = (
    actor: ActionContext['actor'],
    from: RequestState | null,
    state: RequestState,
    w: MoveReason,
  ) => ({
    requestId: row.id,
    fromState: from,
    toState: state,
    actorKind: actor.kind,
    actorId: actor.id,
    rule: w.rule ?? null,
    inputs: w.inputs ? JSON.stringify(w.inputs) : null,
    configVersion: w.rule ? ac.policy.version : null,
    explanationZh: w.explanation.zh,
    explanationEn: w.explanation.en,
    at: now,
  });
  // one insert, rows in timeline order (ids ascend with the rows)
  const timeline = await tx
    .insertInto('aftersalesEvents')
    .values([event(opener, null, 'pending_merchant', opened), event(ac.actor, 'pending_merchant', to, why)])
    .returning(['id', ...timelineColumns])
    .execute();
  if (deadlineAt)
    await scheduleDeadline(tx, { kind: REQUEST_DEADLINE, subjectId: row.id, dueAt: deadlineAt });
  timeline.sort((a, b) => a.id - b.id);
  return { row, timeline: timeline.map(({ id: _, ...e }) => e) };
}

/**
 * The one way a request changes state: checks the machine, stores the new state with its deadline and
 * default action, writes the timeline event, and keeps the durable deadline in step. When the request
 * ends, the order's settlement (held while it was open) is scheduled again.
 */
export async function moveRequest(
  ac: ActionContext,
  request: RequestRow,
  to: RequestState,
  why: MoveReason,
  set: Partial<Pick<RequestRow, 'approvedFen' | 'receiptExtended' | 'autoRule'>> = {},
): Promise<RequestRow> {
  const { tx, now } = ac;
  const next = stateDeadline(
    { type: request.type, state: to, receiptExtended: request.receiptExtended },
    ac.policy.policy,
  );
  const terminal = TERMINAL_REQUEST_STATES.includes(to);
  const deadlineAt = next ? new Date(now.getTime() + next.afterMs) : null;
  const changes = {
    ...set,
    state: to,
    deadlineAt,
    deadlineAction: next?.action ?? null,
    updatedAt: now,
    closedAt: terminal ? now : null,
  };
  // The caller holds the row locked (lockRequest); the conditional update is the machine's own check.
  await transitionRow(tx, 'aftersalesRequests', {
    machine: requestTransitions,
    what: `request ${request.id}`,
    key: { id: request.id },
    from: request.state,
    to,
    set: changes,
  });
  await recordEvent(ac, request, to, why);
  await setRequestDeadline(tx, request.id, deadlineAt);
  if (terminal) await settleWhenDue(tx, request.orderId, now);
  return { ...request, ...changes };
}

/**
 * The request stays in its state with a new deadline: its state's full window from now (`at` unset:
 * a request waiting for the merchant), or a given time (one receipt extension). Timeline and durable
 * deadline follow.
 */
export async function restartDeadline(
  ac: ActionContext,
  request: RequestRow,
  why: MoveReason,
  extension?: { until: Date },
): Promise<void> {
  let changes: Partial<Pick<RequestRow, 'deadlineAt' | 'deadlineAction' | 'receiptExtended'>>;
  if (extension) {
    changes = { deadlineAt: extension.until, receiptExtended: true };
  } else {
    const next = stateDeadline(
      { type: request.type, state: request.state, receiptExtended: request.receiptExtended },
      ac.policy.policy,
    )!;
    changes = { deadlineAt: new Date(ac.now.getTime() + next.afterMs), deadlineAction: next.action };
  }
  await ac.tx
    .updateTable('aftersalesRequests')
    .set({ ...changes, updatedAt: ac.now })
    .where('id', '=', request.id)
    .execute();
  await recordEvent(ac, request, request.state, why);
  await setRequestDeadline(ac.tx, request.id, changes.deadlineAt!);
}

/** Moves the pending deadline of a request to `dueAt`, creating it when none is pending; null cancels. */
export async function setRequestDeadline(tx: Tx, requestId: number, dueAt: Date | null): Promise<void> {
  if (dueAt === null) {
    await cancelDeadline(tx, REQUEST_DEADLINE, requestId);
    return;
  }
  const request = { kind: REQUEST_DEADLINE, subjectId: requestId, dueAt };
  if (!(await rescheduleDeadline(tx, request))) await scheduleDeadline(tx, request);
}

/** Settlement waits while a request is open (product rules §5); once it ends, a completed order settles when due. */
async function settleWhenDue(tx: Tx, orderId: number, now: Date): Promise<void> {
  const order = await orderStateOf(tx, orderId);
  if (order.state === 'completed')
    await scheduleDeadline(tx, { kind: SETTLE_ORDER, subjectId: orderId, dueAt: now });
}
