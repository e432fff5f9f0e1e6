import type { Guards, Transitions } from '../../platform/state-machine.ts';
import type { HoldReason, SettlementState, StatusState } from './settlement.tables.ts';

/**
 * product rules §2, §3: an order's settlement is recorded settled, or frozen while its shop's settlement
 * is held; a frozen one settles once the hold lifts. Settled is final (the entry's key is `settle:<order>`).
 */
export const settlementTransitions = {
  frozen: ['settled'],
  settled: [],
} as const satisfies Transitions<SettlementState>;

/** The states a settlement is recorded in. */
export const SETTLEMENT_START: readonly SettlementState[] = ['frozen', 'settled'];

/**
 * product rules §3: a shop's stored settlement status. A deduction not topped up in time freezes it; a
 * deposit brought back to what is owed opens it again.
 */
export const shopSettlementTransitions = {
  open: ['frozen'],
  frozen: ['open'],
} as const satisfies Transitions<StatusState>;

/** What the settlement guard reads: whether the shop's settlement is held now. */
export interface SettlementFacts {
  hold: HoldReason | null;
}

/** A settlement settles only while nothing holds the shop's settlement. */
export const settlementGuards: Guards<SettlementState, SettlementFacts> = {
  settled: ({ hold }) =>
    hold === null
      ? null
      : { code: 'settlement_frozen', message: `settlement is held: ${hold}`, details: { reason: hold } },
};

/** What the shop status guards read: the deposit, what it must reach, and the top-up deadline. */
export interface ShopStatusFacts {
  depositFen: number;
  /** What the deposit must reach: the top-up target (and, for a shop not on 0元开店, the requirement). */
  owedFen: number;
  topUpDueAt: Date | null;
  now: Date;
}

/**
 * product rules §3: only a top-up that fell due unpaid freezes; only a deposit back to what is owed
 * opens again.
 */
export const shopSettlementGuards: Guards<StatusState, ShopStatusFacts> = {
  frozen: ({ depositFen, owedFen, topUpDueAt, now }) => {
    if (topUpDueAt === null || now.getTime() < topUpDueAt.getTime()) {
      return {
        code: 'invalid_transition',
        message: 'no deposit top-up has fallen due',
        details: { topUpDueAt },
      };
    }
    return depositFen >= owedFen
      ? { code: 'invalid_transition', message: 'the deposit was topped up', details: { depositFen, owedFen } }
      : null;
  },
  open: ({ depositFen, owedFen }) =>
    depositFen < owedFen
      ? {
          code: 'settlement_frozen',
          message: `the deposit of ${depositFen} fen is below the ${owedFen} fen owed`,
          details: { depositFen, owedFen },
        }
      : null,
};
