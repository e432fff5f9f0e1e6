import { describe, expect, it } from 'vitest';
import { canTransition, reachable } from '../../platform/state-machine.ts';
import { BADGE_TRANSITIONS } from './badge.machine.ts';

describe('the trust badge machine', () => {
  it.each([
    ['none', 'granted', true],
    ['none', 'revoked', false],
    ['granted', 'revoked', true],
    ['granted', 'granted', false],
    ['revoked', 'granted', true],
    ['revoked', 'revoked', false],
  ] as const)('%s → %s: %s', (from, to, allowed) => {
    expect(canTransition(BADGE_TRANSITIONS, from, to)).toBe(allowed);
  });

  it('never returns to having no badge row', () => {
    expect([...reachable(BADGE_TRANSITIONS, 'granted')].sort()).toEqual(['granted', 'revoked']);
  });
});
