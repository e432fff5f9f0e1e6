import type { Queue } from './queues.ts';

export interface OpsQueueSettingsTable {
  queue: Queue;
  slaMinutes: number;
  updatedBy: number | null;
  updatedAt: Date;
}

export interface OpsClaimsTable {
  queue: Queue;
  subjectType: string;
  subjectId: number;
  holderId: number;
  claimedBy: number;
  claimedAt: Date;
}

export interface TriageTables {
  opsQueueSettings: OpsQueueSettingsTable;
  opsClaims: OpsClaimsTable;
}
