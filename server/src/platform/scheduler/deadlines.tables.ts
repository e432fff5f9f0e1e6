import type { ColumnType, Generated } from 'kysely';

export type DeadlineStatus = 'pending' | 'done' | 'cancelled' | 'failed';

export interface DeadlinesTable {
  id: Generated<number>;
  kind: string;
  subjectId: number;
  dueAt: Date;
  status: ColumnType<DeadlineStatus, DeadlineStatus | undefined, DeadlineStatus>;
  attempts: ColumnType<number, number | undefined, number>;
  lastError: string | null;
  firedAt: Date | null;
  createdAt: ColumnType<Date, Date | undefined, never>;
}

export interface DeadlinesTables {
  deadlines: DeadlinesTable;
}
