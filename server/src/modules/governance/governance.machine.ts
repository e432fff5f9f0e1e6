import type { Guards, Transitions } from '../../platform/state-machine.ts';
import type { AppealState, PenaltyState, ViolationState } from './governance.tables.ts';

/**
 * product rules §6. A violation is recorded warned (a first minor one, with a fix-by time) or enforced.
 * A warning fixed in time is fixed; one left unfixed is enforced by its deadline. An upheld appeal
 * reverses a violation in any state but reversed.
 */
export const violationTransitions = {
  warned: ['fixed', 'enforced', 'reversed'],
  enforced: ['reversed'],
  fixed: ['reversed'],
  reversed: [],
} as const satisfies Transitions<ViolationState>;

/**
 * A time-limited penalty (ban, limit, freeze, restriction, warning) is active until it ends; a one-shot
 * penalty (fine, delisting) is recorded ended at once. An upheld appeal reverses an active or ended
 * one (a fine's money goes back).
 */
export const penaltyTransitions = {
  active: ['ended', 'reversed'],
  ended: ['reversed'],
  reversed: [],
} as const satisfies Transitions<PenaltyState>;

/** An appeal waits for an arbiter, who upholds or rejects it once. */
export const appealTransitions = {
  pending: ['upheld', 'rejected'],
  upheld: [],
  rejected: [],
} as const satisfies Transitions<AppealState>;

/** The states each record is created in. */
export const VIOLATION_START: readonly ViolationState[] = ['warned', 'enforced'];
export const PENALTY_START: readonly PenaltyState[] = ['active', 'ended'];
export const APPEAL_START: readonly AppealState[] = ['pending'];

/** What the violation guards read: the locked row and the time of the move. */
export interface ViolationFacts {
  fixBy: Date | null;
  now: Date;
}

/**
 * Guards of violation moves, by target state, beside the table: a move the table allows may still be
 * refused by its guard. Product rules §6: a warning is fixed within its fix window only.
 */
export const violationGuards: Guards<ViolationState, ViolationFacts> = {
  fixed: ({ fixBy, now }) =>
    fixBy !== null && now.getTime() > fixBy.getTime()
      ? {
          code: 'deadline_passed',
          message: `the fix window closed at ${fixBy.toISOString()}`,
          details: { deadline: fixBy },
        }
      : null,
};
