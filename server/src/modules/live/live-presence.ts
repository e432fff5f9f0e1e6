import { randomBytes } from 'node:crypto';
import os from 'node:os';
import { sql } from 'kysely';
import type { Executor } from '../../platform/db.ts';

export interface PresenceOptions {
  /** How often this process reports its viewers per room (and reaps dead processes). */
  beatMs?: number;
  /** A presence row older than this belongs to a process that died: ignored, then removed. */
  staleMs?: number;
}

export const DEFAULT_BEAT_MS = 3_000;
export const DEFAULT_STALE_MS = 15_000;

/** The viewers of a room this process knows, counted once per viewer key (two tabs are one viewer). */
export type LocalRooms = ReadonlyMap<number, number>;

const interval = (ms: number) => sql<string>`${`${ms} milliseconds`}::interval`;

/**
 * Viewer counting across server processes (product rules §9). The event streams are per process, so
 * each process reports its own:
 * - `live_views`: one row per stream, opened on join and closed on leave (unique viewers, watch time);
 * - `live_presence`: per (process, room) the viewers it serves now, refreshed every beat.
 * Current viewers of a room = the sum of its fresh presence rows, so a killed process stops counting
 * once its rows go stale; the next beat of any process removes them and closes that process's open
 * views at its last beat (the last moment it was known to serve them). Times are the database's, so
 * the processes' clocks do not matter.
 */
export class ViewerPresence {
  /** This process (unique per start: a restarted process does not inherit a dead one's rows). */
  readonly processId = `${os.hostname().slice(0, 30)}-${process.pid}-${randomBytes(4).toString('hex')}`;
  readonly beatMs: number;
  readonly staleMs: number;

  constructor(
    private readonly db: Executor,
    options: PresenceOptions = {},
  ) {
    this.beatMs = options.beatMs ?? DEFAULT_BEAT_MS;
    this.staleMs = options.staleMs ?? DEFAULT_STALE_MS;
  }

  /** Records a stream opening while the session is scheduled or live; its view id, or null if not recorded. */
  async join(sessionId: number, viewerKey: string): Promise<number | null> {
    const row = await this.db
      .insertInto('liveViews')
      .columns(['sessionId', 'viewerKey', 'processId'])
      .expression(
        this.db
          .selectFrom('liveSessions')
          .select([
            'id',
            sql<string>`${viewerKey}::text`.as('viewerKey'),
            sql<string>`${this.processId}::text`.as('processId'),
          ])
          .where('id', '=', sessionId)
          .where('state', 'in', ['scheduled', 'live']),
      )
      .returning('id')
      .executeTakeFirst();
    return row?.id ?? null;
  }

  /** Closes a view (the stream ended). */
  async leave(viewId: number): Promise<void> {
    await this.db
      .updateTable('liveViews')
      .set({ leftAt: sql<Date>`now()` })
      .where('id', '=', viewId)
      .where('leftAt', 'is', null)
      .execute();
  }

  /**
   * One beat: reports this process's rooms (and withdraws rooms it no longer serves), reaps the rows
   * of dead processes, raises each room's peak to its current count, and returns the current viewers
   * of this process's rooms.
   */
  async beat(rooms: LocalRooms): Promise<Map<number, number>> {
    const ids = [...rooms.keys()];
    await this.db.transaction().execute(async (tx) => {
      if (ids.length > 0) {
        // Joined to the sessions: a stream still opening on a missing session reports nothing.
        const values = sql.join(ids.map((id) => sql`(${id}::bigint, ${rooms.get(id)!}::int)`));
        await sql`
          insert into live_presence (process_id, session_id, viewers)
          select ${this.processId}, v.session_id, v.viewers
          from (values ${values}) as v (session_id, viewers) join live_sessions s on s.id = v.session_id
          on conflict (process_id, session_id) do update set viewers = excluded.viewers, beat_at = now()`.execute(
          tx,
        );
      }
      let gone = tx.deleteFrom('livePresence').where('processId', '=', this.processId);
      if (ids.length > 0) gone = gone.where('sessionId', 'not in', ids);
      await gone.execute();
    });
    await this.reap();
    if (ids.length === 0) return new Map();
    const rows = await sql<{ sessionId: number; current: number }>`
      with c as (
        select session_id, sum(viewers)::int as current from live_presence
        where session_id in (${sql.join(ids)}) and beat_at > now() - ${interval(this.staleMs)}
        group by session_id
      ), raised as (
        update live_sessions s set peak_viewers = c.current from c
        where s.id = c.session_id and s.peak_viewers < c.current
      )
      select session_id, current from c`.execute(this.db);
    const current = new Map(ids.map((id) => [id, 0]));
    for (const row of rows.rows) current.set(Number(row.sessionId), Number(row.current));
    return current;
  }

  /** Removes stale presence rows (dead processes) and closes their open views at their last beat. */
  async reap(): Promise<void> {
    await sql`
      with dead as (
        delete from live_presence where beat_at < now() - ${interval(this.staleMs)}
        returning process_id, session_id, beat_at
      )
      update live_views v set left_at = greatest(v.joined_at, dead.beat_at) from dead
      where v.process_id = dead.process_id and v.session_id = dead.session_id and v.left_at is null`.execute(
      this.db,
    );
  }

  /** Viewers of a room served by the other processes now (a new viewer's snapshot adds this process's). */
  async othersCurrent(sessionId: number): Promise<number> {
    const row = await this.db
      .selectFrom('livePresence')
      .select((eb) => eb.fn.coalesce(eb.fn.sum<number>('viewers'), sql<number>`0`).as('n'))
      .where('sessionId', '=', sessionId)
      .where('processId', '<>', this.processId)
      .where('beatAt', '>', sql<Date>`now() - ${interval(this.staleMs)}`)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  /** This process stops serving (orderly close): its presence goes, its open views close now. */
  async close(): Promise<void> {
    await this.db.deleteFrom('livePresence').where('processId', '=', this.processId).execute();
    await this.db
      .updateTable('liveViews')
      .set({ leftAt: sql<Date>`now()` })
      .where('processId', '=', this.processId)
      .where('leftAt', 'is', null)
      .execute();
  }
}

/** Current viewers of a room as every process reports it (fresh presence rows only). */
export async function currentViewers(
  db: Executor,
  sessionId: number,
  staleMs = DEFAULT_STALE_MS,
): Promise<number> {
  const row = await db
    .selectFrom('livePresence')
    .select((eb) => eb.fn.coalesce(eb.fn.sum<number>('viewers'), sql<number>`0`).as('n'))
    .where('sessionId', '=', sessionId)
    .where('beatAt', '>', sql<Date>`now() - ${interval(staleMs)}`)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Closes every open view of a room (the session ended): watch time stops at the end. */
export async function closeViewsOf(db: Executor, sessionId: number): Promise<void> {
  await db
    .updateTable('liveViews')
    .set({ leftAt: sql<Date>`now()` })
    .where('sessionId', '=', sessionId)
    .where('leftAt', 'is', null)
    .execute();
}
