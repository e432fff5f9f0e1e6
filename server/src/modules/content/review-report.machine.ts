import type { Transitions } from '../../platform/state-machine.ts';
import type { ReviewReportState } from './content.tables.ts';

/**
 * product rules §6: a merchant reports a malicious review with evidence; ops uphold it (the review is
 * hidden) or dismiss it (it stays). Either decision is final; the merchant may report again later.
 */
export const reviewReportTransitions = {
  open: ['upheld', 'dismissed'],
  upheld: [],
  dismissed: [],
} as const satisfies Transitions<ReviewReportState>;
