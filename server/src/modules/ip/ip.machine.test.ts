import { describe, expect, it } from 'vitest';
import { reachable } from '../../platform/state-machine.ts';
import { COMPLAINT_START, certificationTransitions, complaintTransitions } from './ip.machine.ts';
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
