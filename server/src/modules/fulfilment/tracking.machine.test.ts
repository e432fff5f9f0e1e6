import { describe, expect, it } from 'vitest';
import { canTransition, reachable } from '../../platform/state-machine.ts';
import { TRACKING_EVENTS, TRACKING_STATUSES, trackingTransitions } from './tracking.machine.ts';

describe('tracking state machine', () => {
  it('reaches every state from created', () => {
    expect([...reachable(trackingTransitions, 'created')].sort()).toEqual([...TRACKING_STATUSES].sort());
  });

  it('has no exits from delivered and lost', () => {
    expect(trackingTransitions.delivered).toEqual([]);
    expect(trackingTransitions.lost).toEqual([]);
  });

  it('never leads back to created: the shop writes it once, carriers never report it', () => {
    for (const state of TRACKING_STATUSES) expect(trackingTransitions[state]).not.toContain('created');
    expect(TRACKING_EVENTS).not.toContain('created');
  });

  it.each([
    ['created', 'picked_up', true],
    ['created', 'in_transit', false],
    ['created', 'delivered', false],
    ['created', 'lost', false],
    ['picked_up', 'in_transit', true],
    ['picked_up', 'picked_up', false],
    ['picked_up', 'delivered', false],
    ['picked_up', 'lost', true],
    ['in_transit', 'in_transit', true],
    ['in_transit', 'delivered', true],
    ['in_transit', 'lost', true],
    ['in_transit', 'picked_up', false],
    ['delivered', 'in_transit', false],
    ['delivered', 'lost', false],
    ['lost', 'delivered', false],
  ] as const)('%s → %s allowed: %s', (from, to, ok) => {
    expect(canTransition(trackingTransitions, from, to)).toBe(ok);
  });
});
