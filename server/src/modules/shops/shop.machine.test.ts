import { describe, expect, it } from 'vitest';
import { canTransition, reachable } from '../../platform/state-machine.ts';
import { SHOP_STATES, shopTransitions } from './shop.machine.ts';

describe('shop state machine', () => {
  it('reaches every state from probation', () => {
    expect([...reachable(shopTransitions, 'probation')].sort()).toEqual([...SHOP_STATES].sort());
  });
  it('has no exit from closed', () => {
    expect(shopTransitions.closed).toEqual([]);
  });
  it.each([
    ['probation', 'active', true],
    ['active', 'probation', false],
    ['restricted', 'active', true],
    ['closed', 'active', false],
    ['suspended', 'closed', true],
  ] as const)('%s → %s allowed: %s', (from, to, ok) => {
    expect(canTransition(shopTransitions, from, to)).toBe(ok);
  });
});
