import { describe, expect, it } from 'vitest';
import { canTransition, reachable } from '../../platform/state-machine.ts';
import { LIVE_STATES, liveTransitions } from './live.machine.ts';

describe('live session state machine', () => {
  it('reaches every state from scheduled', () => {
    expect([...reachable(liveTransitions, 'scheduled')].sort()).toEqual([...LIVE_STATES].sort());
  });

  it('has no exit from ended or terminated', () => {
    expect(liveTransitions.ended).toEqual([]);
    expect(liveTransitions.terminated).toEqual([]);
  });

  it('lists every state of the live_sessions check constraint', () => {
    expect([...LIVE_STATES].sort()).toEqual(['ended', 'live', 'scheduled', 'terminated']);
  });

  it.each([
    ['scheduled', 'live', true],
    ['scheduled', 'ended', false],
    ['scheduled', 'terminated', false],
    ['live', 'ended', true],
    ['live', 'terminated', true],
    ['live', 'scheduled', false],
    ['ended', 'live', false],
    ['terminated', 'live', false],
  ] as const)('%s → %s allowed: %s', (from, to, ok) => {
    expect(canTransition(liveTransitions, from, to)).toBe(ok);
  });
});
