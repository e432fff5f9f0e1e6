import type { Transitions } from '../../platform/state-machine.ts';
import type { CaseState } from './engine.tables.ts';

/**
 * A review decision opens a case; ops assign it (and may hand it to someone else: assigned →
 * assigned) and resolve it once, as fraud or legit. Resolved is final.
 */
export const caseTransitions = {
  open: ['assigned', 'resolved'],
  assigned: ['assigned', 'resolved'],
  resolved: [],
} as const satisfies Transitions<CaseState>;

export const CASE_START: CaseState = 'open';
