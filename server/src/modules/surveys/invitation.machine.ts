import type { Transitions } from '../../platform/state-machine.ts';
import type { InvitationState } from './surveys.tables.ts';

/**
 * product rules §7.3: an NPS invitation is offered with a deadline; the buyer answers it once, or the
 * deadline expires it. Both ends are final.
 */
export const invitationTransitions = {
  offered: ['answered', 'expired'],
  answered: [],
  expired: [],
} as const satisfies Transitions<InvitationState>;
