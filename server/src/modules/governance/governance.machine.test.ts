import { describe, expect, it } from 'vitest';
import { canTransition, reachable, type Transitions } from '../../platform/state-machine.ts';
import {
  APPEAL_START,
  appealTransitions,
  PENALTY_START,
  penaltyTransitions,
  VIOLATION_START,
  violationGuards,
  violationTransitions,
} from './governance.machine.ts';

const HOUR = 3_600_000;

function reachedFrom<S extends string>(table: Transitions<S>, starts: readonly S[]): S[] {
  const seen = new Set<S>();
  for (const start of starts) for (const s of reachable(table, start)) seen.add(s);
  return [...seen].sort();
}

describe.each([
  [
    'violation',
    violationTransitions as Transitions<string>,
    VIOLATION_START as readonly string[],
    ['reversed'],
  ],
  ['penalty', penaltyTransitions as Transitions<string>, PENALTY_START as readonly string[], ['reversed']],
  [
    'appeal',
    appealTransitions as Transitions<string>,
    APPEAL_START as readonly string[],
    ['rejected', 'upheld'],
  ],
])('%s machine', (_name, table, starts, terminals) => {
  it('reaches every state from its start states', () => {
    expect(reachedFrom(table, starts)).toEqual(Object.keys(table).sort());
  });

  it('has exactly the terminals it should, and they have no exits', () => {
    const noExit = Object.keys(table).filter((s) => table[s]!.length === 0);
    expect(noExit.sort()).toEqual(terminals);
  });

  it('names only its own states as targets', () => {
    for (const targets of Object.values(table))
      for (const t of targets) expect(Object.keys(table)).toContain(t);
  });
});

describe('violation moves (product rules §6)', () => {
  it.each([
    ['warned', 'fixed', true],
    ['warned', 'enforced', true],
    ['warned', 'reversed', true],
    ['enforced', 'reversed', true],
    ['fixed', 'reversed', true],
    ['enforced', 'fixed', false], // only a warning can be fixed
    ['fixed', 'enforced', false], // a fixed warning is never enforced afterwards
    ['reversed', 'enforced', false],
    ['reversed', 'warned', false],
  ] as const)('%s → %s: %s', (from, to, allowed) => {
    expect(canTransition(violationTransitions, from, to)).toBe(allowed);
  });

  it('an upheld appeal can reverse every violation that is not reversed yet', () => {
    for (const s of VIOLATION_START) expect([...reachable(violationTransitions, s)]).toContain('reversed');
  });
});

describe('penalty and appeal moves', () => {
  it.each([
    ['active', 'ended', true],
    ['active', 'reversed', true],
    ['ended', 'reversed', true], // a fine is ended at once; an upheld appeal still pays it back
    ['ended', 'active', false],
    ['reversed', 'active', false],
    ['reversed', 'ended', false],
  ] as const)('penalty %s → %s: %s', (from, to, allowed) => {
    expect(canTransition(penaltyTransitions, from, to)).toBe(allowed);
  });

  it.each([
    ['pending', 'upheld', true],
    ['pending', 'rejected', true],
    ['upheld', 'rejected', false],
    ['rejected', 'upheld', false],
  ] as const)('appeal %s → %s: %s', (from, to, allowed) => {
    expect(canTransition(appealTransitions, from, to)).toBe(allowed);
  });
});

describe('violation guards', () => {
  const fixBy = new Date('2026-03-04T12:00:00Z');
  it.each([
    ['an hour before the fix-by time', -HOUR, null],
    ['at the fix-by time', 0, null],
    ['a minute after it', 60_000, 'deadline_passed'],
  ] as const)('fixing %s: %s', (_when, offset, code) => {
    const refusal = violationGuards.fixed!({ fixBy, now: new Date(fixBy.getTime() + offset) });
    expect(refusal?.code ?? null).toBe(code);
  });

  it('guards only moves the table allows', () => {
    for (const to of Object.keys(violationGuards)) {
      const from = Object.keys(violationTransitions).filter((s) =>
        (violationTransitions as Transitions<string>)[s]!.includes(to),
      );
      expect(from.length).toBeGreaterThan(0);
    }
  });
});
