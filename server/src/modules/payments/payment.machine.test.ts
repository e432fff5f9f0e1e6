import { describe, expect, it } from 'vitest';
import { canTransition, reachable } from '../../platform/state-machine.ts';
import { AWAITING_ANSWER, PAYMENT_STATES, paymentStatesInto, paymentTransitions } from './payment.machine.ts';

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
  it('a batch answer moves only payments still waiting: pending or timed out', () => {
    expect(paymentStatesInto('succeeded')).toEqual(['pending', 'timed_out']);
    expect(paymentStatesInto('failed')).toEqual(['pending', 'timed_out']);
    expect(paymentStatesInto('timed_out')).toEqual(['pending']);
    expect(AWAITING_ANSWER).toEqual(['pending', 'timed_out']);
  });
});
