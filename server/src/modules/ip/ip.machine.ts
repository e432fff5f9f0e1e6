import type { Guards, Transitions } from '../../platform/state-machine.ts';
import type { CertificationState, ComplaintState } from './ip.tables.ts';

/** product rules §6: a holder's brand claim; ops certify it (fast channel for that brand) or reject it. */
export const certificationTransitions = {
  pending: ['certified', 'rejected'],
  certified: [],
  rejected: [],
} as const satisfies Transitions<CertificationState>;

/**
 * product rules §6 (IP protection). A complaint starts in ops_review (ops channel) or, filed by a holder
 * certified for the product's brand, upheld at once (fast channel). Upheld takes the product down and
 * opens the merchant's counter-notice window: a counter-notice goes back to ops, who restore the
 * product or confirm the takedown; a window that passes without one confirms it.
 */
export const complaintTransitions = {
  ops_review: ['upheld', 'rejected'],
  upheld: ['counter_noticed', 'confirmed'],
  counter_noticed: ['restored', 'confirmed'],
  rejected: [],
  restored: [],
  confirmed: [],
} as const satisfies Transitions<ComplaintState>;

/** The states a complaint is filed in, by channel. */
export const COMPLAINT_START: Record<'fast' | 'ops', ComplaintState> = { fast: 'upheld', ops: 'ops_review' };

/** What the complaint guards read: the locked complaint and the time of the move. */
export interface ComplaintFacts {
  counterNoticeDueAt: Date | null;
  now: Date;
}

/** Guards beside the table, by target state: product rules §6, a counter-notice comes within its window. */
export const complaintGuards: Guards<ComplaintState, ComplaintFacts> = {
  counter_noticed: ({ counterNoticeDueAt, now }) =>
    counterNoticeDueAt && now.getTime() > counterNoticeDueAt.getTime()
      ? {
          code: 'deadline_passed',
          message: 'The counter-notice window has closed',
          details: { dueAt: counterNoticeDueAt.toISOString() },
        }
      : null,
};
