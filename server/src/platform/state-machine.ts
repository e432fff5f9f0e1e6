import { AppError } from './errors.ts';

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
