import type { Transitions } from '../../platform/state-machine.ts';
import type { CaseState, SurveyState } from './care.tables.ts';

/**
 * An outreach case: open (in the queue) → claimed by one ops user (who may release it back) →
 * resolved with an outcome. Contacts and compensation are recorded while it is claimed.
 */
export const caseTransitions = {
  open: ['claimed'],
  claimed: ['open', 'resolved'],
  resolved: [],
} as const satisfies Transitions<CaseState>;

/** The satisfaction survey after outreach: asked → answered once, or expired at its deadline. */
export const surveyTransitions = {
  asked: ['answered', 'expired'],
  answered: [],
  expired: [],
} as const satisfies Transitions<SurveyState>;
