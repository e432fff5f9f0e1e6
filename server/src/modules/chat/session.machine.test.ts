import { describe, expect, it } from 'vitest';
import { canTransition, reachable } from '../../platform/state-machine.ts';
import { agentStatusTransitions, sessionTransitions } from './session.machine.ts';

describe('chat session machine', () => {
  it('reaches every state from bot; closed has no exit', () => {
    expect([...reachable(sessionTransitions, 'bot')].sort()).toEqual(['bot', 'closed', 'queued', 'serving']);
    expect(sessionTransitions.closed).toEqual([]);
  });
  it.each([
    ['bot', 'queued', true], // the buyer asks for a person
    ['bot', 'serving', true], // an agent steps in
    ['queued', 'serving', true], // routed or taken
    ['serving', 'serving', true], // transferred
    ['serving', 'queued', false], // a served buyer is never put back in the queue
    ['queued', 'bot', false],
    ['closed', 'serving', false], // the next message opens a new session
  ] as const)('%s → %s allowed: %s', (from, to, ok) => {
    expect(canTransition(sessionTransitions, from, to)).toBe(ok);
  });
  it('an agent moves between online and away only', () => {
    expect([...reachable(agentStatusTransitions, 'away')].sort()).toEqual(['away', 'online']);
    expect(canTransition(agentStatusTransitions, 'online', 'online')).toBe(false);
  });
});
