import type { ColumnType, Generated } from 'kysely';
import type { ReportEffect, ReportReason, ReportState, ReportSubjectType } from './report-rules.ts';

export interface BuyerReportsTable {
  id: Generated<number>;
  reporterId: number;
  subjectType: ReportSubjectType;
  subjectId: number;
  /** The shop behind the subject (null: a creator's own room or a comment in it). */
  shopId: number | null;
  reason: ReportReason;
  text: ColumnType<string, string | undefined>;
  evidenceFileIds: ColumnType<number[], number[] | undefined>;
  state: ColumnType<ReportState, ReportState | undefined>;
  decidedBy: ColumnType<number | null, number | null | undefined>;
  decidedAt: ColumnType<Date | null, Date | null | undefined>;
  decisionNote: ColumnType<string | null, string | null | undefined>;
  effect: ColumnType<ReportEffect | null, ReportEffect | null | undefined>;
  violationId: ColumnType<number | null, number | null | undefined>;
  createdAt: Date;
}

export interface ReportsTables {
  buyerReports: BuyerReportsTable;
}
