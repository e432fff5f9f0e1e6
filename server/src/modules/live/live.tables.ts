import type { ColumnType, Generated } from 'kysely';

export type LiveState = 'scheduled' | 'live' | 'ended' | 'terminated';

export interface LiveSessionsTable {
  id: Generated<number>;
  hostUserId: number;
  shopId: number | null;
  title: string;
  state: ColumnType<LiveState, LiveState | undefined>;
  scheduledAt: Date;
  startedAt: ColumnType<Date | null, Date | null | undefined>;
  endedAt: ColumnType<Date | null, Date | null | undefined>;
  endReason: ColumnType<string | null, string | null | undefined>;
  /** The HLS playlist of the room's video; null when none is configured. */
  streamUrl: ColumnType<string | null, string | null | undefined>;
  /** Who ended or terminated the session (host, shop member or ops). */
  endedBy: ColumnType<number | null, number | null | undefined>;
  createdAt: ColumnType<Date, Date | undefined, never>;
}

export interface LivePinsTable {
  id: Generated<number>;
  sessionId: number;
  productId: number;
  commissionBp: number;
  pinnedBy: number;
  pinnedAt: ColumnType<Date, Date | undefined>;
  unpinnedAt: ColumnType<Date | null, Date | null | undefined>;
}

export interface LiveTables {
  liveSessions: LiveSessionsTable;
  livePins: LivePinsTable;
}
