import type { Kysely, Selectable, Updateable } from 'kysely';
import type { Database } from '../database.ts';
import type { Tx } from './db.ts';
import { AppError, type ErrorCode } from './errors.ts';

/** A state machine as data: for each state, the states it may move to. Terminal states map to []. */
export type Transitions<S extends string> = Record<S, readonly S[]>;

export function canTransition<S extends string>(table: Transitions<S>, from: S, to: S): boolean {
  return table[from].includes(to);
}

export function assertTransition<S extends string>(
  table: Transitions<S>,
  what: string,
  from: S,
  to: S,
): void {
  if (!canTransition(table, from, to)) {
    throw new AppError('invalid_transition', `${what} cannot go from ${from} to ${to}`, { from, to });
  }
}

/** States reachable from `start` (for the tests that walk a table). */
export function reachable<S extends string>(table: Transitions<S>, start: S): Set<S> {
  const seen = new Set<S>([start]);
  const queue: S[] = [start];
  while (queue.length > 0) {
    const state = queue.shift()!;
    for (const next of table[state]) {
      if (!seen.has(next)) {
        seen.add(next);
        queue.push(next);
      }
    }
  }
  return seen;
}

/** Why a guard refuses a move: the error code the caller answers with, and words for logs and API readers. */
export interface Refusal {
  code: ErrorCode;
  message: string;
  details?: Record<string, unknown>;
}

/**
 * Guards as data, next to a transition table: for a target state, a check of plain facts that returns
 * a refusal, or null to allow the move.
 */
export type Guards<S extends string, F> = { readonly [K in S]?: (facts: F) => Refusal | null };

/** Throws the refusal of the guard of `to`, if it has one and it refuses. */
export function checkGuard<S extends string, F>(guards: Guards<S, F>, to: S, facts: F): void {
  const refusal = guards[to]?.(facts);
  if (refusal) throw new AppError(refusal.code, refusal.message, refusal.details ?? {});
}

/** Tables with a `state` column: the stateful records a store moves through its machine. */
export type StatefulTable = {
  [T in keyof Database & string]: Database[T] extends { state: unknown } ? T : never;
}[keyof Database & string];

type Row<T extends StatefulTable> = Selectable<Database[T]>;

export interface RowTransition<T extends StatefulTable, S extends string> {
  /** The record's transition table. */
  machine: Transitions<S>;
  /** Names the record in messages ("return parcel of request 12"). */
  what: string;
  /** Which row: a column that identifies it (usually `{ id }`; `{ requestId }` for a 1:1 child). */
  key: { [C in keyof Row<T> & string]?: number };
  /** The state(s) the caller expects the row in; each must be allowed to move to `to`. */
  from: S | readonly S[];
  to: S;
  /** Other columns written with the new state, in the same statement. */
  set?: Updateable<Database[T]>;
  /**
   * When the row is in none of `from` (another action moved it first, or it does not exist):
   * 'refuse' (default) answers 409 conflict; 'skip' returns null, for moves that are harmless to miss
   * (a deadline that finds its work already done).
   */
  ifNotIn?: 'refuse' | 'skip';
}

/**
 * The one way a store changes a stateful row: checks `from → to` against the machine (409
 * invalid_transition), then one conditional `update … set state = to where <key> and state in (from)
 * returning *`, and checks the affected row count: 0 rows means the row was not in `from` (409 conflict,
 * or null with `ifNotIn: 'skip'`). The caller holds the transaction, takes any locks first, runs the
 * guards of its table (`checkGuard`) and writes the record's timeline after the move.
 *
 * @example
 * await transitionRow(tx, 'returnShipments', {
 *   machine: returnTransitions, what: `return parcel of request ${id}`,
 *   key: { requestId: id }, from: 'shipped', to: 'received', set: { receivedAt: now },
 * });
 */
export async function transitionRow<T extends StatefulTable, S extends string>(
  tx: Tx,
  table: T,
  move: RowTransition<T, S> & { ifNotIn: 'skip' },
): Promise<Row<T> | null>;
export async function transitionRow<T extends StatefulTable, S extends string>(
  tx: Tx,
  table: T,
  move: RowTransition<T, S>,
): Promise<Row<T>>;
export async function transitionRow<T extends StatefulTable, S extends string>(
  tx: Tx,
  table: T,
  move: RowTransition<T, S>,
): Promise<Row<T> | null> {
  const from: readonly S[] = typeof move.from === 'string' ? [move.from] : move.from;
  for (const state of from) assertTransition(move.machine, move.what, state, move.to);
  const keys = Object.entries(move.key);
  if (keys.length === 0) throw new Error(`transitionRow(${table}) needs a key`);
  // Kysely cannot follow a table chosen by a type parameter; the signature above keeps callers typed.
  let update = (tx as unknown as Kysely<Record<string, Record<string, unknown>>>)
    .updateTable(table as string)
    .set({ ...(move.set as Record<string, unknown>), state: move.to });
  for (const [column, value] of keys) update = update.where(column, '=', value);
  const rows = await update.where('state', 'in', from).returningAll().execute();
  if (rows.length === 0) {
    if (move.ifNotIn === 'skip') return null;
    throw new AppError(
      'conflict',
      `${move.what} is not ${from.join(' or ')} (another action moved it first); it cannot become ${move.to}`,
      { from, to: move.to },
    );
  }
  return rows[0] as Row<T>;
}
