import type { ColumnType, Generated, JSONColumnType } from 'kysely';

/** The let-down patterns the scan looks for (product rules §8.6). */
export type CareRule = 'stalled_parcel_contacted' | 'refused_then_bad_review' | 'repeat_aftersales';
/** open (in the queue) → claimed (an ops user has it) → resolved; see care.machine.ts. */
export type CaseState = 'open' | 'claimed' | 'resolved';
export type CaseOutcome = 'compensated' | 'apologised' | 'unreachable' | 'declined';
/** asked → answered | expired; see care.machine.ts. */
export type SurveyState = 'asked' | 'answered' | 'expired';
export type Satisfaction = 'satisfied' | 'neutral' | 'unsatisfied';
export type ContactChannel = 'phone' | 'sms' | 'chat' | 'other';
export type CompensationKind = 'coupon' | 'cash';

export interface CareCasesTable {
  id: Generated<number>;
  rule: CareRule;
  buyerId: number;
  orderId: number;
  shopId: number;
  state: ColumnType<CaseState, CaseState | undefined>;
  facts: JSONColumnType<Record<string, unknown>, string, string>;
  happenedAt: Date;
  detectedAt: Date;
  dueAt: Date;
  configVersion: number;
  claimedBy: ColumnType<number | null, number | null | undefined>;
  claimedAt: ColumnType<Date | null, Date | null | undefined>;
  outcome: ColumnType<CaseOutcome | null, CaseOutcome | null | undefined>;
  outcomeNote: ColumnType<string | null, string | null | undefined>;
  resolvedBy: ColumnType<number | null, number | null | undefined>;
  resolvedAt: ColumnType<Date | null, Date | null | undefined>;
  surveyState: ColumnType<SurveyState | null, SurveyState | null | undefined>;
  surveyExpiresAt: ColumnType<Date | null, Date | null | undefined>;
  satisfaction: ColumnType<Satisfaction | null, Satisfaction | null | undefined>;
  answeredAt: ColumnType<Date | null, Date | null | undefined>;
}

export interface CareContactsTable {
  id: Generated<number>;
  caseId: number;
  byUser: number;
  channel: ContactChannel;
  reached: boolean;
  note: string;
  at: Date;
}

export interface CareCompensationsTable {
  id: Generated<number>;
  caseId: number;
  kind: CompensationKind;
  amountFen: number;
  buyerCouponId: number | null;
  budgetDay: string;
  byUser: number;
  configVersion: number;
  at: Date;
}

export interface CareDailyBudgetTable {
  day: string;
  spentFen: ColumnType<number, number | undefined>;
}

export interface CareTables {
  careCases: CareCasesTable;
  careContacts: CareContactsTable;
  careCompensations: CareCompensationsTable;
  careDailyBudget: CareDailyBudgetTable;
}
