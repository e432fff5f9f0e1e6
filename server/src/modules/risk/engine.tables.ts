import type { ColumnType, Generated, JSONColumnType } from 'kysely';
import type { FeatureSnapshot } from './checkpoints.ts';
import type { FiredRule } from './compile-policy.ts';
import type { Outcome } from './rule-language.ts';

export type PolicyStatus = 'draft' | 'active' | 'shadow' | 'retired';
export type CaseState = 'open' | 'assigned' | 'resolved';
export type CaseResolution = 'fraud' | 'legit';

type Json<T extends object | null> = JSONColumnType<T, string, never>;

export interface TrustPoliciesTable {
  id: Generated<number>;
  checkpoint: string;
  version: number;
  /** Read as text (`rules::text`): the CamelCasePlugin would otherwise rename keys inside. */
  rules: Json<object>;
  digest: string;
  status: PolicyStatus;
  note: string | null;
  createdBy: number | null;
  createdAt: Date;
  activatedAt: Date | null;
  retiredAt: Date | null;
}

export interface TrustDecisionsTable {
  id: Generated<number>;
  checkpoint: string;
  subjectType: string;
  subjectId: number;
  outcome: Outcome;
  fired: Json<FiredRule[]>;
  features: Json<FeatureSnapshot>;
  inputs: JSONColumnType<FeatureSnapshot | null, string | null, never>;
  policyId: number;
  policyVersion: number;
  shadow: boolean;
  liveDecisionId: number | null;
  at: ColumnType<Date, Date, never>;
}

export interface TrustCountersTable {
  entityType: string;
  entityValue: string;
  counter: string;
  bucketStart: Date;
  /** One of the bucket's slots (0–15): concurrent writers of one entity use different ones. */
  slot: ColumnType<number, number | undefined, number>;
  count: number;
}

export interface TrustEntitiesTable {
  entityType: string;
  valueHash: string;
  userId: number | null;
  shopId: number | null;
  firstSeen: Date;
}

export interface TrustBlacklistTable {
  entityType: string;
  valueHash: string;
  reason: string;
  addedBy: number | null;
  at: Date;
}

export interface TrustLabelsTable {
  subjectType: string;
  subjectId: number;
  label: string;
  setBy: number | null;
  note: string | null;
  at: Date;
}

export interface TrustCasesTable {
  id: Generated<number>;
  decisionId: number;
  checkpoint: string;
  subjectType: string;
  subjectId: number;
  state: CaseState;
  assignee: number | null;
  resolution: CaseResolution | null;
  note: string | null;
  resolvedBy: number | null;
  openedAt: Date;
  assignedAt: Date | null;
  resolvedAt: Date | null;
  /** The rule the case is kept for (null: a case opened before cases were kept per rule and subject). */
  ruleId: string | null;
}

/** A review decision joined to a case (cases.service.ts): resolving the case decides each hit. */
export interface TrustCaseHitsTable {
  id: Generated<number>;
  caseId: number;
  decisionId: number;
  subjectType: string;
  subjectId: number;
  at: Date;
  resolution: CaseResolution | null;
  resolvedAt: Date | null;
}

/** A case's timeline: every state it entered, who moved it and to whom it was assigned (case.store.ts). */
export interface TrustCaseEventsTable {
  id: Generated<number>;
  caseId: number;
  fromState: CaseState | null;
  toState: CaseState;
  assignee: number | null;
  actorId: number | null;
  note: string;
  at: Date;
}

/** Buyer labels computed by after-sales' rules or set by ops (product rules §5 薅羊毛), read by every checkpoint. */
export interface BuyerLabelsTable {
  buyerId: number;
  label: 'high_refund';
  inputs: JSONColumnType<Record<string, unknown>, Record<string, unknown>, Record<string, unknown>>;
  configVersion: number | null;
  setBy: 'system' | 'ops';
  setAt: Date;
}

export interface TrustEngineTables {
  trustPolicies: TrustPoliciesTable;
  trustDecisions: TrustDecisionsTable;
  trustCounters: TrustCountersTable;
  trustEntities: TrustEntitiesTable;
  trustBlacklist: TrustBlacklistTable;
  trustLabels: TrustLabelsTable;
  trustCases: TrustCasesTable;
  trustCaseEvents: TrustCaseEventsTable;
  trustCaseHits: TrustCaseHitsTable;
  buyerLabels: BuyerLabelsTable;
}
