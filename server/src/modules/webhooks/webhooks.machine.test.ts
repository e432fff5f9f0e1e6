import { describe, expect, it } from 'vitest';
import { canTransition, reachable } from '../../platform/state-machine.ts';
import { DELIVERY_STATES, deliveryTransitions } from './delivery.machine.ts';
import { ENDPOINT_STATES, endpointTransitions } from './endpoint.machine.ts';

describe('endpoint state machine', () => {
  it('turns off and on', () => {
    expect([...reachable(endpointTransitions, 'enabled')].sort()).toEqual([...ENDPOINT_STATES].sort());
    expect(canTransition(endpointTransitions, 'enabled', 'disabled')).toBe(true);
    expect(canTransition(endpointTransitions, 'disabled', 'enabled')).toBe(true);
  });
});

describe('delivery state machine', () => {
  it('reaches every state from pending; succeeded and failed are final', () => {
    expect([...reachable(deliveryTransitions, 'pending')].sort()).toEqual([...DELIVERY_STATES].sort());
    expect(deliveryTransitions.succeeded).toEqual([]);
    expect(deliveryTransitions.failed).toEqual([]);
  });

  it.each([
    ['pending', 'delivering', true],
    ['pending', 'succeeded', false],
    ['delivering', 'succeeded', true],
    ['delivering', 'retrying', true],
    ['delivering', 'failed', true],
    ['retrying', 'delivering', true],
    ['retrying', 'succeeded', false],
    ['succeeded', 'pending', false],
    ['failed', 'delivering', false],
  ] as const)('%s → %s allowed: %s', (from, to, ok) => {
    expect(canTransition(deliveryTransitions, from, to)).toBe(ok);
  });
});
