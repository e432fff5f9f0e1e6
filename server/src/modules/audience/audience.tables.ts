import type { ColumnType, Generated } from 'kysely';

/** What a buyer follows: a shop (shops.id) or a host (the user id of a creator or merchant). */
export type FollowTargetKind = 'shop' | 'host';

export interface FollowsTable {
  followerId: number;
  targetKind: FollowTargetKind;
  targetId: number;
  createdAt: ColumnType<Date, Date | undefined, never>;
}

export interface NotificationsTable {
  id: Generated<number>;
  userId: number;
  kind: string;
  payload: ColumnType<Record<string, unknown>, string, string>;
  createdAt: ColumnType<Date, Date | undefined, never>;
  readAt: ColumnType<Date | null, Date | null | undefined>;
}

export interface AudienceTables {
  follows: FollowsTable;
  notifications: NotificationsTable;
}
