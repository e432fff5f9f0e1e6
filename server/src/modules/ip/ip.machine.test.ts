import { describe, expect, it } from 'vitest';
import { reachable } from '../../platform/state-machine.ts';
import {
  COMPLAINT_START,
  certificationTransitions,
  complaintGuards,
  complaintTransitions,
} from './ip.machine.ts';
import type { ComplaintState } from './ip.tables.ts';

describe('complaint machine', () => {
  it('reaches every state from the start states of both channels', () => {
    const seen = new Set<ComplaintState>();
    for (const start of Object.values(COMPLAINT_START))
      for (const s of reachable(complaintTransitions, start)) seen.add(s);
    expect([...seen].sort()).toEqual(Object.keys(complaintTransitions).sort());
  });

  it('the fast channel skips the ops queue: it starts upheld (product down, counter-notice open)', () => {
    expect(COMPLAINT_START).toEqual({ fast: 'upheld', ops: 'ops_review' });
  });

  it.each<[ComplaintState, readonly ComplaintState[]]>([
    ['ops_review', ['upheld', 'rejected']],
    ['upheld', ['counter_noticed', 'confirmed']],
    ['counter_noticed', ['restored', 'confirmed']],
    ['rejected', []],
    ['restored', []],
    ['confirmed', []],
  ])('%s → %j', (from, to) => {
    expect(complaintTransitions[from]).toEqual(to);
  });
});

describe('certification machine', () => {
  it('pending is decided once; both decisions are final', () => {
    expect([...reachable(certificationTransitions, 'pending')].sort()).toEqual([
      'certified',
      'pending',
      'rejected',
    ]);
    expect(certificationTransitions.certified).toEqual([]);
    expect(certificationTransitions.rejected).toEqual([]);
  });
});

describe('complaint guards', () => {
  const dueAt = new Date('2026-05-01T00:00:00Z');
  it.each([
    ['within the window', -1, null],
    ['at its end', 0, null],
    ['after it', 1, 'deadline_passed'],
  ] as const)('a counter-notice %s: %s', (_when, offset, code) => {
    const refusal = complaintGuards.counter_noticed!({
      counterNoticeDueAt: dueAt,
      now: new Date(dueAt.getTime() + offset),
    });
    expect(refusal?.code ?? null).toBe(code);
  });

  it('guards only moves the table allows', () => {
    for (const to of Object.keys(complaintGuards) as ComplaintState[])
      expect(
        Object.values(complaintTransitions).some((targets) => (targets as readonly string[]).includes(to)),
      ).toBe(true);
  });
});
