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
  /** Likes received (raised by increments only). */
  likes: ColumnType<number, never, number>;
  /** The most viewers counted at once (raised to the current count only). */
  peakViewers: ColumnType<number, never, number>;
  /** 讲解中: a product pinned in the session, or null. */
  featuredProductId: ColumnType<number | null, never, number | null>;
  featuredAt: ColumnType<Date | null, never, Date | null>;
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

/** One event stream opened on a room: by whom, through which server process, from when to when. */
export interface LiveViewsTable {
  id: Generated<number>;
  sessionId: number;
  /** `u:<user id>` for a signed-in viewer, `a:<id>` for the client's anonymous id, `c:<random>` otherwise. */
  viewerKey: string;
  processId: string;
  joinedAt: ColumnType<Date, never, never>;
  leftAt: ColumnType<Date | null, never, Date | null>;
}

/** A server process's viewers in one room, refreshed every few seconds (stale rows: a dead process). */
export interface LivePresenceTable {
  processId: string;
  sessionId: number;
  viewers: number;
  beatAt: ColumnType<Date, never, never>;
}

export interface LiveTables {
  liveSessions: LiveSessionsTable;
  livePins: LivePinsTable;
  liveViews: LiveViewsTable;
  livePresence: LivePresenceTable;
}
