import type { ColumnType } from 'kysely';

/** Counters of the rate limits every server process shares (platform/rate-limit-store.ts). */
export interface RateLimitsTable {
  key: string;
  hits: number;
  resetsAt: ColumnType<Date, Date, Date>;
}

export interface RateLimitTables {
  rateLimits: RateLimitsTable;
}
