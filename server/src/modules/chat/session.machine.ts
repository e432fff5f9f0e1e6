import type { Transitions } from '../../platform/state-machine.ts';
import type { AgentStatus, SessionState } from './chat.tables.ts';

/**
 * A served span of a conversation. It opens with the buyer's first message when none is open: with
 * the bot (`bot`) when the shop has it on, else straight to the queue. The buyer asking for a person
 * (or the bot giving up) queues it; routing or an agent taking it serves it; an agent, the buyer or
 * idleness closes it (the buyer is then asked to rate it).
 */
export const sessionTransitions: Transitions<SessionState> = {
  bot: ['queued', 'serving', 'closed'],
  queued: ['serving', 'closed'],
  serving: ['serving', 'closed'],
  closed: [],
};

/** An agent is online (takes new conversations) or away (keeps theirs, gets no new ones). */
export const agentStatusTransitions: Transitions<AgentStatus> = {
  online: ['away'],
  away: ['online'],
};
