import { describe, expect, it } from 'vitest';
import { canTransition, checkGuard, reachable, type Transitions } from '../../platform/state-machine.ts';
import {
  SETTLEMENT_START,
  type ShopStatusFacts,
  settlementGuards,
  settlementTransitions,
  shopSettlementGuards,
  shopSettlementTransitions,
} from './settlement.machine.ts';

const DAY = 86_400_000;
const now = new Date('2026-06-01T12:00:00Z');

describe.each([
  [
    'settlement',
    settlementTransitions as Transitions<string>,
    SETTLEMENT_START as readonly string[],
    ['settled'],
  ],
  ['shop settlement status', shopSettlementTransitions as Transitions<string>, ['open'], []],
])('%s machine', (_name, table, starts, terminals) => {
  it('reaches every state from its start states', () => {
    const seen = new Set<string>();
    for (const start of starts) for (const s of reachable(table, start)) seen.add(s);
    expect([...seen].sort()).toEqual(Object.keys(table).sort());
  });

  it('has exactly the terminals it should', () => {
    expect(Object.keys(table).filter((s) => table[s]!.length === 0)).toEqual(terminals);
  });

  it('names only its own states as targets, and no state moves to itself', () => {
    for (const [from, targets] of Object.entries(table))
      for (const t of targets) {
        expect(Object.keys(table)).toContain(t);
        expect(t).not.toBe(from);
      }
  });
});

describe('settlement moves', () => {
  it.each([
    ['frozen', 'settled', true],
    ['settled', 'frozen', false],
    ['settled', 'settled', false],
  ] as const)('%s → %s allowed: %s', (from, to, allowed) => {
    expect(canTransition(settlementTransitions, from, to)).toBe(allowed);
  });

  it.each([
    [null, null],
    ['deposit_below_requirement', 'settlement_frozen'],
    ['governance_penalty', 'settlement_frozen'],
  ] as const)('settling while held by %s is refused with %s', (hold, code) => {
    expect(settlementGuards.settled!({ hold })?.code ?? null).toBe(code);
  });
});

describe('shop settlement status guards', () => {
  const facts = (o: Partial<ShopStatusFacts>): ShopStatusFacts => ({
    depositFen: 30_000,
    owedFen: 50_000,
    topUpDueAt: new Date(now.getTime() - 1),
    now,
    ...o,
  });

  it.each([
    ['a top-up fell due unpaid', facts({}), null],
    ['no top-up is due', facts({ topUpDueAt: null }), 'invalid_transition'],
    ['the top-up is not due yet', facts({ topUpDueAt: new Date(now.getTime() + DAY) }), 'invalid_transition'],
    ['the deposit was topped up', facts({ depositFen: 50_000 }), 'invalid_transition'],
  ] as const)('freezing when %s → %s', (_case, f, code) => {
    expect(shopSettlementGuards.frozen!(f)?.code ?? null).toBe(code);
  });

  it.each([
    ['the deposit is back to what is owed', facts({ depositFen: 50_000 }), null],
    ['the deposit is one fen short', facts({ depositFen: 49_999 }), 'settlement_frozen'],
  ] as const)('opening when %s → %s', (_case, f, code) => {
    expect(shopSettlementGuards.open!(f)?.code ?? null).toBe(code);
  });

  it('checkGuard throws the refusal as a 409', () => {
    expect(() => checkGuard(shopSettlementGuards, 'open', facts({}))).toThrow(
      expect.objectContaining({ code: 'settlement_frozen', status: 409 }),
    );
  });
});
