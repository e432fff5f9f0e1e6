import { sql } from 'kysely';
import type { Executor } from '../../platform/db.ts';
import { DEFAULT_STALE_MS } from './live-presence.ts';
import { type LiveSessionView, sessionColumns, toViews } from './live-read.service.ts';

/** A room on air as discovery ranks it: its engagement now. */
export interface RoomOnAir {
  id: number;
  shopId: number | null;
  startedAt: Date | null;
  /** Viewers now (fresh presence of every process). */
  viewers: number;
  likes: number;
}

/** Every room on air with its viewers and likes, one query (product rules §7.4 live discovery). */
export async function roomsOnAir(db: Executor): Promise<RoomOnAir[]> {
  const result = await sql<RoomOnAir>`
    select s.id, s.shop_id as "shopId", s.started_at as "startedAt", s.likes,
      coalesce(v.viewers, 0)::int as viewers
    from live_sessions s
    left join (
      select session_id, sum(viewers) as viewers from live_presence
      where beat_at > now() - ${`${DEFAULT_STALE_MS} milliseconds`}::interval
      group by session_id
    ) v on v.session_id = s.id
    where s.state = 'live'`.execute(db);
  return result.rows;
}

/** The given sessions as buyers' cards (host, shop, pinned count), in the order asked. */
export async function sessionCards(db: Executor, ids: readonly number[]): Promise<LiveSessionView[]> {
  if (ids.length === 0) return [];
  const rows = await db.selectFrom('liveSessions').select(sessionColumns).where('id', 'in', ids).execute();
  const views = new Map((await toViews(db, rows)).map((v) => [v.id, v]));
  return ids.flatMap((id) => {
    const v = views.get(id);
    return v ? [v] : [];
  });
}
