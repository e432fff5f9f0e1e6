import { describe, expect, it } from 'vitest';
import { reachable } from '../../platform/state-machine.ts';
import { invitationTransitions } from './invitation.machine.ts';

describe('NPS invitation machine', () => {
  it('reaches every state from offered; answered and expired are final', () => {
    expect(reachable(invitationTransitions, 'offered')).toEqual(new Set(['offered', 'answered', 'expired']));
    expect(invitationTransitions.answered).toEqual([]);
    expect(invitationTransitions.expired).toEqual([]);
  });
});
