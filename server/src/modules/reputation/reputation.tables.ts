import type { ColumnType } from 'kysely';

export type ScoreBand = 'excellent' | 'good' | 'fair' | 'poor' | 'not_enough_orders';

type Json<T> = ColumnType<T, string, string>;
/** numeric(3,2), 0–5 with two decimals; null: not enough orders. */
type Score = ColumnType<number | null, number | null, number | null>;

export interface ShopReputationHistoryTable {
  shopId: number;
  day: ColumnType<string, string, string>;
  score: Score;
  band: ScoreBand;
  completedOrders: number;
  inputs: Json<unknown>;
  metrics: Json<unknown>;
  dims: Json<unknown>;
  drags: Json<unknown>;
  configVersion: number;
  computedAt: Date;
}

export interface ShopReputationTable extends ShopReputationHistoryTable {
  qualityRefundRateBp: number;
  /** repeat-customer index at 30 days (basis points) at the recompute; null without a cohort */
  repeat30Bp: ColumnType<number | null, number | null | undefined, number | null>;
  requestedAt: ColumnType<Date | null, Date | null | undefined, Date | null>;
}

export interface ReputationTables {
  shopReputationHistory: ShopReputationHistoryTable;
  shopReputation: ShopReputationTable;
}
