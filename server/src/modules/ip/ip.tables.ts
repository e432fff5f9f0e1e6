import type { ColumnType, Generated } from 'kysely';

export type CertificationState = 'pending' | 'certified' | 'rejected';
/**
 * ops_review: waiting for ops; upheld: product taken down, merchant may counter-notify; counter_noticed:
 * ops weigh the counter-notice; rejected / restored / confirmed: final.
 */
export type ComplaintState =
  | 'ops_review'
  | 'rejected'
  | 'upheld'
  | 'counter_noticed'
  | 'restored'
  | 'confirmed';
export type ComplaintChannel = 'fast' | 'ops';
export type ComplaintReason = 'counterfeit' | 'trademark' | 'copyright' | 'patent' | 'other';

type CreatedAt = ColumnType<Date, Date | undefined, never>;

export interface IpRightsHoldersTable {
  id: Generated<number>;
  userId: number;
  name: string;
  contact: string;
  createdAt: CreatedAt;
}

export interface IpCertificationsTable {
  id: Generated<number>;
  holderId: number;
  brandId: number;
  trademarkNo: string;
  evidenceFileIds: number[];
  note: string | null;
  state: ColumnType<CertificationState, CertificationState | undefined>;
  decidedBy: ColumnType<number | null, number | null | undefined>;
  decidedAt: ColumnType<Date | null, Date | null | undefined>;
  decisionNote: ColumnType<string | null, string | null | undefined>;
  createdAt: CreatedAt;
}

export interface IpComplaintsTable {
  id: Generated<number>;
  holderId: number;
  productId: number;
  shopId: number;
  brandId: number | null;
  reason: ComplaintReason;
  text: string;
  evidenceFileIds: number[];
  channel: ComplaintChannel;
  state: ComplaintState;
  counterNoticeDueAt: ColumnType<Date | null, Date | null | undefined>;
  counterText: ColumnType<string | null, string | null | undefined>;
  counterEvidenceFileIds: ColumnType<number[] | null, number[] | null | undefined>;
  counterBy: ColumnType<number | null, number | null | undefined>;
  counterAt: ColumnType<Date | null, Date | null | undefined>;
  createdAt: CreatedAt;
  updatedAt: Date;
}

export interface IpComplaintEventsTable {
  id: Generated<number>;
  complaintId: number;
  fromState: ComplaintState | null;
  toState: ComplaintState;
  actorId: number | null;
  note: string;
  at: Date;
}

export interface IpTables {
  ipRightsHolders: IpRightsHoldersTable;
  ipCertifications: IpCertificationsTable;
  ipComplaints: IpComplaintsTable;
  ipComplaintEvents: IpComplaintEventsTable;
}
