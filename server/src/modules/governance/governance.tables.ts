import type { ColumnType, Generated } from 'kysely';
import type { PenaltyKind, PenaltyParams, Severity, SubjectType, ViolationSource } from './catalogue.ts';

export type ViolationState = 'warned' | 'enforced' | 'fixed' | 'reversed';
export type PenaltyState = 'active' | 'ended' | 'reversed';
export type AppealState = 'pending' | 'upheld' | 'rejected';
/** Points of the milestone that caused a penalty (configuration `governance.restrictionMilestones`, `governance.closureAtPoints`). */
export type Milestone = number;

export interface GovernanceViolationsTable {
  id: Generated<number>;
  shopId: number | null;
  hostUserId: number | null;
  code: string;
  severity: Severity;
  points: number;
  subjectType: SubjectType;
  subjectId: number | null;
  evidenceText: string;
  evidenceFileIds: ColumnType<number[], number[] | undefined>;
  source: ViolationSource;
  state: ViolationState;
  fixBy: Date | null;
  recordedBy: number | null;
  createdAt: Date;
  updatedAt: Date;
  /** The configuration version the treatment used (null before migration 0052). */
  configVersion: ColumnType<number | null, number | undefined, never>;
}

export interface GovernancePenaltiesTable {
  id: Generated<number>;
  violationId: number;
  shopId: number | null;
  hostUserId: number | null;
  kind: PenaltyKind;
  params: ColumnType<PenaltyParams, string, string>;
  milestone: Milestone | null;
  state: PenaltyState;
  startsAt: Date;
  endsAt: Date | null;
  endedAt: Date | null;
}

export interface GovernancePointsTable {
  id: Generated<number>;
  shopId: number;
  violationId: number;
  points: number;
  at: Date;
  reversedAt: Date | null;
}

export interface GovernanceHostRemindersTable {
  id: Generated<number>;
  hostUserId: number;
  violationId: number;
  sessionId: number | null;
  messageZh: string;
  messageEn: string;
  createdAt: Date;
  acknowledgedAt: Date | null;
}

export interface GovernanceAppealsTable {
  id: Generated<number>;
  violationId: number;
  shopId: number;
  attempt: number;
  filedBy: number;
  text: string;
  fileIds: ColumnType<number[], number[] | undefined>;
  state: AppealState;
  decidedBy: number | null;
  decisionReason: string | null;
  createdAt: Date;
  decidedAt: Date | null;
}

export interface GovernanceBlacklistTable {
  id: Generated<number>;
  penaltyId: number;
  userId: number | null;
  phone: string | null;
  createdAt: Date;
  reversedAt: Date | null;
}

export type GovernanceRecord = 'violation' | 'penalty' | 'appeal';

/** The timeline of a violation: every state it, its penalties and its appeals entered (governance.store.ts). */
export interface GovernanceEventsTable {
  id: Generated<number>;
  violationId: number;
  record: GovernanceRecord;
  recordId: number;
  fromState: string | null;
  toState: string;
  actorId: number | null;
  note: string;
  at: Date;
}

export interface GovernanceTables {
  governanceViolations: GovernanceViolationsTable;
  governancePenalties: GovernancePenaltiesTable;
  governancePoints: GovernancePointsTable;
  governanceHostReminders: GovernanceHostRemindersTable;
  governanceAppeals: GovernanceAppealsTable;
  governanceBlacklist: GovernanceBlacklistTable;
  governanceEvents: GovernanceEventsTable;
}
