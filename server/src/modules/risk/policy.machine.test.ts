import { describe, expect, it } from 'vitest';
import { canTransition, reachable } from '../../platform/state-machine.ts';
import { POLICY_START, policyTransitions } from './policy.machine.ts';

describe('policy version machine', () => {
  it('a draft reaches every status; no status is a dead end (a retired version can come back)', () => {
    expect(POLICY_START).toEqual(['draft', 'active']);
    expect([...reachable(policyTransitions, 'draft')].sort()).toEqual(Object.keys(policyTransitions).sort());
    expect([...reachable(policyTransitions, 'active')].sort()).toEqual(['active', 'retired', 'shadow']);
    for (const to of Object.values(policyTransitions)) expect(to.length).toBeGreaterThan(0);
  });

  it('a draft is never reached again: a version, once used, keeps its rules', () => {
    for (const to of Object.values(policyTransitions)) expect(to).not.toContain('draft');
  });

  it.each([
    ['draft', 'active', true],
    ['draft', 'shadow', true],
    ['shadow', 'active', true], // promote the shadow
    ['shadow', 'retired', true], // stop the shadow run
    ['active', 'retired', true], // another version was activated
    ['retired', 'active', true], // rollback
    ['active', 'shadow', false], // the active version cannot also run in shadow
    ['draft', 'retired', false], // a draft never ran: there is nothing to stop
  ] as const)('%s → %s: %s', (from, to, allowed) => {
    expect(canTransition(policyTransitions, from, to)).toBe(allowed);
  });
});
