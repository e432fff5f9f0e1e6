import type { Transitions } from '../../platform/state-machine.ts';
import type { ReportState } from './report-rules.ts';

/**
 * product rules §8.7: a buyer's report is open until ops decide its subject: upheld (an effect on the
 * subject) or dismissed. Either is final; the buyer may report the subject again afterwards.
 */
export const reportTransitions = {
  open: ['upheld', 'dismissed'],
  upheld: [],
  dismissed: [],
} as const satisfies Transitions<ReportState>;
