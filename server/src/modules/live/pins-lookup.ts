import { sql } from 'kysely';
import type { Executor } from '../../platform/db.ts';

export interface LiveRoomPins {
  sessionId: number;
  hostUserId: number;
  /** productId → commission rate of the active pin */
  pins: Map<number, number>;
}

/** Active pins of the sessions that are live now, for checkout attribution (many sessions, one query). */
export async function livePinsForSessions(
  db: Executor,
  sessionIds: readonly number[],
): Promise<Map<number, LiveRoomPins>> {
  const rooms = new Map<number, LiveRoomPins>();
  if (sessionIds.length === 0) return rooms;
  const result = await sql<{
    sessionId: number;
    hostUserId: number;
    productId: number | null;
    commissionBp: number | null;
  }>`
    select ls.id as session_id, ls.host_user_id, lp.product_id, lp.commission_bp
    from live_sessions ls
    left join live_pins lp on lp.session_id = ls.id and lp.unpinned_at is null
    where ls.id = any(${sessionIds}::bigint[]) and ls.state = 'live'`.execute(db);
  for (const row of result.rows) {
    let room = rooms.get(row.sessionId);
    if (!room) {
      room = { sessionId: row.sessionId, hostUserId: row.hostUserId, pins: new Map() };
      rooms.set(row.sessionId, room);
    }
    if (row.productId !== null) room.pins.set(row.productId, row.commissionBp ?? 0);
  }
  return rooms;
}
