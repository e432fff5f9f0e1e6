import { describe, expect, it } from 'vitest';
import type { HoldReason } from './settlement.tables.ts';
import { type HoldInput, settlementHold } from './settlement-hold.rule.ts';

const now = new Date('2026-11-23T08:00:00Z');
const later = new Date('2026-11-30T08:00:00Z');
const earlier = new Date('2026-11-16T08:00:00Z');
const base: HoldInput = {
  storedFreeze: null,
  governanceFreeze: false,
  zeroDepositEligible: false,
  depositFen: 500_000,
  requiredFen: 500_000,
  topUpDueAt: null,
  now,
};

describe('settlementHold', () => {
  it.each<{ name: string; input: Partial<HoldInput>; expected: HoldReason | null }>([
    { name: 'a shop with its full deposit settles', input: {}, expected: null },
    {
      name: 'a governance settlement freeze holds a shop with its full deposit',
      input: { governanceFreeze: true },
      expected: 'governance_penalty',
    },
    { name: 'a shop above its deposit settles', input: { depositFen: 900_000 }, expected: null },
    {
      name: 'a short shop that is not zero-deposit is held',
      input: { depositFen: 0 },
      expected: 'deposit_below_requirement',
    },
    {
      name: 'a short zero-deposit shop settles (and accrues)',
      input: { depositFen: 0, zeroDepositEligible: true },
      expected: null,
    },
    {
      name: 'a short shop within its top-up time settles',
      input: { depositFen: 100, topUpDueAt: later },
      expected: null,
    },
    {
      name: 'a short shop past its top-up time is held',
      input: { depositFen: 100, topUpDueAt: earlier },
      expected: 'deposit_below_requirement',
    },
    {
      name: 'the top-up time itself is past',
      input: { depositFen: 100, topUpDueAt: now },
      expected: 'deposit_below_requirement',
    },
    {
      name: 'a stored freeze holds whatever the deposit',
      input: { storedFreeze: 'deposit_not_topped_up', depositFen: 900_000, zeroDepositEligible: true },
      expected: 'deposit_not_topped_up',
    },
  ])('$name', ({ input, expected }) => {
    expect(settlementHold({ ...base, ...input })).toBe(expected);
  });
});
