import { describe, expect, it } from 'vitest';
import { reachable } from '../../platform/state-machine.ts';
import { quarterTransitions } from './growth.machine.ts';

describe('quarter machine', () => {
  it('reaches every state from measuring; paid and not_earned are terminal', () => {
    expect([...reachable(quarterTransitions, 'measuring')].sort()).toEqual([
      'due',
      'measuring',
      'not_earned',
      'paid',
    ]);
    expect(quarterTransitions.paid).toEqual([]);
    expect(quarterTransitions.not_earned).toEqual([]);
  });
});
