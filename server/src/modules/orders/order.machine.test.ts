import { describe, expect, it } from 'vitest';
import { canTransition, reachable } from '../../platform/state-machine.ts';
import { ORDER_STATES, orderTransitions } from './order.machine.ts';

describe('order state machine', () => {
  it('reaches every state from pending_payment', () => {
    expect([...reachable(orderTransitions, 'pending_payment')].sort()).toEqual([...ORDER_STATES].sort());
  });
  it('has no exits from completed and cancelled', () => {
    expect(orderTransitions.completed).toEqual([]);
    expect(orderTransitions.cancelled).toEqual([]);
  });
  it.each([
    ['pending_payment', 'paid', true],
    ['pending_payment', 'shipped', false],
    ['paid', 'cancelled', true],
    ['shipped', 'cancelled', false],
    ['shipped', 'completed', true],
    ['completed', 'cancelled', false],
  ] as const)('%s → %s allowed: %s', (from, to, ok) => {
    expect(canTransition(orderTransitions, from, to)).toBe(ok);
  });
});
