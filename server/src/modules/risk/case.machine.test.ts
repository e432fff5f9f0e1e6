import { describe, expect, it } from 'vitest';
import { canTransition, reachable } from '../../platform/state-machine.ts';
import { CASE_START, caseTransitions } from './case.machine.ts';

describe('review case machine', () => {
  it('reaches every state from open; resolved is the only terminal', () => {
    expect([...reachable(caseTransitions, CASE_START)].sort()).toEqual(Object.keys(caseTransitions).sort());
    expect(Object.entries(caseTransitions).filter(([, to]) => to.length === 0)).toEqual([['resolved', []]]);
  });

  it.each([
    ['open', 'assigned', true],
    ['open', 'resolved', true],
    ['assigned', 'assigned', true], // handed to another reviewer
    ['assigned', 'resolved', true],
    ['assigned', 'open', false],
    ['resolved', 'assigned', false], // a decided case is not reopened by assigning it
    ['resolved', 'resolved', false], // nor decided twice
  ] as const)('%s → %s: %s', (from, to, allowed) => {
    expect(canTransition(caseTransitions, from, to)).toBe(allowed);
  });
});
