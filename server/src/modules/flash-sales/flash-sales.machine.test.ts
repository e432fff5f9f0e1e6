import { describe, expect, it } from 'vitest';
import { canTransition, reachable } from '../../platform/state-machine.ts';
import { FLASH_SALE_STATES, flashSaleGuards, flashSaleTransitions } from './flash-sales.machine.ts';

describe('flash sale state machine', () => {
  it('reaches every state from scheduled; ended and cancelled are final', () => {
    expect([...reachable(flashSaleTransitions, 'scheduled')].sort()).toEqual([...FLASH_SALE_STATES].sort());
    expect(flashSaleTransitions.ended).toEqual([]);
    expect(flashSaleTransitions.cancelled).toEqual([]);
  });

  it.each([
    ['scheduled', 'running', true],
    ['scheduled', 'ended', true],
    ['scheduled', 'cancelled', true],
    ['running', 'ended', true],
    ['running', 'cancelled', true],
    ['running', 'scheduled', false],
    ['ended', 'running', false],
    ['cancelled', 'running', false],
  ] as const)('%s → %s allowed: %s', (from, to, ok) => {
    expect(canTransition(flashSaleTransitions, from, to)).toBe(ok);
  });

  const startsAt = new Date('2026-12-07T10:00:00Z');
  const endsAt = new Date('2026-12-07T11:00:00Z');
  it.each([
    ['running', '2026-12-07T09:59:59Z', false],
    ['running', '2026-12-07T10:00:00Z', true],
    ['running', '2026-12-07T11:00:00Z', false],
    ['ended', '2026-12-07T10:59:59Z', false],
    ['ended', '2026-12-07T11:00:00Z', true],
  ] as const)('guard of %s at %s allows: %s', (to, now, ok) => {
    expect(flashSaleGuards[to]!({ startsAt, endsAt, now: new Date(now) }) === null).toBe(ok);
  });
});
