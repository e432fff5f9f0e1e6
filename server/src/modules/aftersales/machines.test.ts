import { describe, expect, it } from 'vitest';
import { reachable, type Transitions } from '../../platform/state-machine.ts';
import {
  arbitrationGuards,
  arbitrationTransitions,
  refundTransitions,
  requestTransitions,
  returnTransitions,
  TERMINAL_REQUEST_STATES,
} from './machines.ts';

function terminals<S extends string>(table: Transitions<S>): S[] {
  return (Object.keys(table) as S[]).filter((s) => table[s].length === 0);
}

describe('after-sales machines', () => {
  it.each([
    ['request', requestTransitions, 'pending_merchant', ['refunded', 'resolved', 'closed']],
    ['return parcel', returnTransitions, 'awaiting_shipment', ['received', 'refused']],
    ['arbitration', arbitrationTransitions, 'awaiting_evidence', ['decided']],
    ['refund', refundTransitions, 'pending', ['succeeded', 'failed']],
  ] as const)(
    '%s: every state is reachable from the start and the terminals are %j',
    (_, table, start, ends) => {
      const t = table as Transitions<string>;
      expect(reachable(t, start)).toEqual(new Set(Object.keys(t)));
      expect(terminals(t).sort()).toEqual([...ends].sort());
      // every non-terminal state can still end
      for (const state of Object.keys(t)) {
        const ahead = reachable(t, state);
        expect(
          ends.some((e) => ahead.has(e)),
          `${state} can end`,
        ).toBe(true);
      }
    },
  );

  it('the request terminals are the states without deadlines', () => {
    expect([...TERMINAL_REQUEST_STATES].sort()).toEqual(terminals(requestTransitions).sort());
  });

  it.each([
    ['pending_merchant', 'refunded', true],
    ['pending_merchant', 'return_shipped', false],
    ['awaiting_return', 'refunded', false],
    ['return_shipped', 'refunded', true],
    ['rejected', 'in_arbitration', true],
    ['rejected', 'refunded', false],
    ['refunded', 'closed', false],
  ] as const)('request %s → %s allowed: %s', (from, to, allowed) => {
    expect((requestTransitions[from] as readonly string[]).includes(to)).toBe(allowed);
  });

  it.each([
    [{ outcome: 'full', amountFen: undefined, counterfeit: false }, null],
    [{ outcome: 'full', amountFen: 100, counterfeit: false }, 'amountFen'],
    [{ outcome: 'partial', amountFen: undefined, counterfeit: false }, 'amountFen'],
    [{ outcome: 'partial', amountFen: 0, counterfeit: false }, 'amountFen'],
    [{ outcome: 'partial', amountFen: 5_000, counterfeit: false }, 'amountFen'],
    [{ outcome: 'partial', amountFen: 4_999, counterfeit: true }, null],
    [{ outcome: 'reject', amountFen: undefined, counterfeit: true }, 'counterfeit'],
    [{ outcome: 'reject', amountFen: undefined, counterfeit: false }, null],
  ] as const)('arbitration guard of decided: %j refuses on %s', (decision, field) => {
    const refusal = arbitrationGuards.decided!({ ...decision, requestedFen: 5_000 });
    expect(
      refusal === null ? null : (refusal.details as { fields: { field: string }[] }).fields[0]!.field,
    ).toBe(field);
  });
});
