import type { ColumnType, Generated } from 'kysely';

export type LiveState = 'scheduled' | 'live' | 'ended' | 'terminated';

export interface LiveSessionsTable {
  id: Generated<number>;
  hostUserId: number;
  shopId: number | null;
  title: string;
  state: ColumnType<LiveState, LiveState | undefined>;
  scheduledAt: Date;
  startedAt: Date | null;
  endedAt: Date | null;
  endReason: string | null;
  createdAt: ColumnType<Date, Date | undefined, never>;
}

export interface LivePinsTable {
  id: Generated<number>;
  sessionId: number;
  productId: number;
  commissionBp: number;
  pinnedBy: number;
  pinnedAt: ColumnType<Date, Date | undefined>;
  unpinnedAt: Date | null;
}

export interface LiveTables {
  liveSessions: LiveSessionsTable;
  livePins: LivePinsTable;
}
