import type { FastifyRateLimitStore, FastifyRateLimitStoreCtor } from '@fastify/rate-limit';
import { sql } from 'kysely';
import type { Clock } from './clock.ts';
import type { Db } from './db.ts';

export interface RateLimitCount {
  /** Hits in the current window, this one included. */
  current: number;
  /** Milliseconds until the window ends. */
  ttl: number;
}

/**
 * Rate-limit counters in PostgreSQL, so that every server process counts against the same limit.
 * A window starts at a key's first hit and lasts `windowMs`; each hit is one atomic upsert.
 */
export class PgRateLimitCounters {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
  ) {}

  /**
   * Counts a hit of `key`. `sweep: false` leaves forgetting old windows to the caller (`sweep`), for a
   * hit counted inside a longer transaction that should not delete other keys' rows.
   */
  async hit(key: string, windowMs: number, opts: { sweep?: boolean } = {}): Promise<RateLimitCount> {
    const now = this.clock.now();
    const resetsAt = new Date(now.getTime() + windowMs);
    const { rows } = await sql<{ hits: number; resetsAt: Date }>`
      insert into rate_limits as r (key, hits, resets_at) values (${key}, 1, ${resetsAt})
      on conflict (key) do update set
        hits = case when r.resets_at <= ${now} then 1 else r.hits + 1 end,
        resets_at = case when r.resets_at <= ${now} then excluded.resets_at else r.resets_at end
      returning hits, resets_at`.execute(this.db);
    // Now and then, forget windows long gone (one statement, no scheduler needed).
    if (opts.sweep !== false && Math.random() < 0.01) await this.sweep(windowMs);
    return count(rows[0]!, now);
  }

  /** Forgets the windows that ended more than `windowMs` ago. */
  async sweep(windowMs: number): Promise<void> {
    const before = new Date(this.clock.now().getTime() - windowMs);
    await sql`delete from rate_limits where resets_at < ${before}`.execute(this.db);
  }

  async read(key: string): Promise<RateLimitCount> {
    const now = this.clock.now();
    const { rows } = await sql<{ hits: number; resetsAt: Date }>`
      select hits, resets_at from rate_limits where key = ${key} and resets_at > ${now}`.execute(this.db);
    return rows[0] ? count(rows[0], now) : { current: 0, ttl: 0 };
  }

  /** Takes one hit back (a hit that turned out not to count, such as a successful sign-in). */
  async forgive(key: string): Promise<void> {
    await sql`update rate_limits set hits = greatest(hits - 1, 0)
      where key = ${key} and resets_at > ${this.clock.now()}`.execute(this.db);
  }
}

const count = (row: { hits: number; resetsAt: Date }, now: Date): RateLimitCount => ({
  current: row.hits,
  ttl: Math.max(0, new Date(row.resetsAt).getTime() - now.getTime()),
});

/** A store class for @fastify/rate-limit over the shared counters. */
export function pgRateLimitStore(counters: PgRateLimitCounters): FastifyRateLimitStoreCtor {
  const callback =
    (done: (error: Error | null, result?: RateLimitCount) => void) => (p: Promise<RateLimitCount>) =>
      p.then(
        (result) => done(null, result),
        (error: Error) => done(error),
      );
  class Store implements FastifyRateLimitStore {
    incr(key: string, done: (error: Error | null, result?: RateLimitCount) => void, timeWindow: number) {
      callback(done)(counters.hit(key, timeWindow));
    }
    read(key: string, done: (error: Error | null, result?: RateLimitCount) => void) {
      callback(done)(counters.read(key));
    }
    child(): FastifyRateLimitStore {
      return new Store();
    }
  }
  return Store;
}
