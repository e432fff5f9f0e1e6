import { describe, expect, it } from 'vitest';
import { canTransition, reachable } from '../../platform/state-machine.ts';
import { PAYMENT_STATES, paymentTransitions } from './payment.machine.ts';

describe('payment state machine', () => {
  it('reaches every state from pending', () => {
    expect([...reachable(paymentTransitions, 'pending')].sort()).toEqual([...PAYMENT_STATES].sort());
  });
  it('ends in succeeded or failed', () => {
    expect(paymentTransitions.succeeded).toEqual([]);
    expect(paymentTransitions.failed).toEqual([]);
  });
  it.each([
    ['timed_out', 'succeeded', true],
    ['succeeded', 'failed', false],
    ['failed', 'succeeded', false],
  ] as const)('%s → %s allowed: %s', (from, to, ok) => {
    expect(canTransition(paymentTransitions, from, to)).toBe(ok);
  });
});
