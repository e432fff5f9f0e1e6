import type { ColumnType } from 'kysely';

/** Idempotency-Key records, written in the transaction of the effect they answer for. */
export interface IdempotencyKeysTable {
  userId: number;
  key: string;
  requestHash: string;
  statusCode: number;
  response: ColumnType<unknown, string, string>;
  createdAt: ColumnType<Date, Date | undefined, never>;
}

export interface IdempotencyTables {
  idempotencyKeys: IdempotencyKeysTable;
}
