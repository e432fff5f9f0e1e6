import type { FastifyInstance, FastifyRequest } from 'fastify';
import {
  CamelCasePlugin,
  type CompiledQuery,
  type DatabaseConnection,
  type Driver,
  Kysely,
  PostgresDialect,
  PostgresDriver,
  type QueryCompiler,
  type QueryResult,
  sql,
  type TransactionSettings,
} from 'kysely';
import pg from 'pg';
import { Counter, Gauge } from 'prom-client';
import type { Database } from '../database.ts';
import type { Db } from './db.ts';
import { pgErrorCode } from './db.ts';
import { formatLsn, highestLsn, type Lsn, parseLsn } from './lsn.ts';
import { metricsRegistry, observeQuery, trackPool } from './metrics.ts';

declare module 'fastify' {
  interface FastifyRequest {
    /** The database a `reads: 'replica'` route reads (set only while a replica is configured). */
    readDb?: Db;
  }
  interface FastifyContextConfig {
    /** `replica`: a read-only route whose reads may come from DATABASE_READ_URL's replica. */
    reads?: 'replica';
  }
}

const replicaStates = new Set<ReplicaState>();

/** 1 while the read replica answers its probes, 0 while reads go to the primary (absent without one). */
export const readReplicaUp = new Gauge({
  name: 'xinren_read_replica_up',
  help: 'Whether the read replica (DATABASE_READ_URL) is used: 1, or 0 while it is down and reads go to the primary',
  registers: [metricsRegistry],
  collect() {
    for (const state of replicaStates) this.set(state.usable ? 1 : 0);
  },
});

/** Where the reads of `reads: 'replica'` routes went, and why the primary when it was the primary. */
export const readReplicaRouted = new Counter({
  name: 'xinren_read_replica_routed_total',
  help: "Reads of replica routes by where they went: replica, primary_behind (the replica had not replayed the request's X-Xinren-Read-After in time, or it named no position), primary_lagging (the replica is more than its max lag behind) or primary_down",
  labelNames: ['to'] as const,
  registers: [metricsRegistry],
});

/** Replica queries answered by the primary after they failed on the replica. */
export const readReplicaFailovers = new Counter({
  name: 'xinren_read_replica_failovers_total',
  help: 'Replica queries re-run on the primary: failure=down (replica unreachable), busy (every replica connection in use for 1 s) or conflict (recovery conflict, a write)',
  labelNames: ['failure'] as const,
  registers: [metricsRegistry],
});

/** Sent with the answer to every write request while a replica is configured: the primary's WAL position after it. */
export const COMMIT_LSN_HEADER = 'x-xinren-commit-lsn';
/** Sent by clients: the highest commit LSN they saw; a replica read waits until the replica has replayed it. */
export const READ_AFTER_HEADER = 'x-xinren-read-after';

export interface ReadReplicaOptions {
  /** How long a read with `X-Xinren-Read-After` waits for the replica before it reads the primary. */
  maxWaitMs?: number;
  /** A replica that failed is left alone this long, then probed again. */
  retryAfterMs?: number;
  /** While usable, the replica's replay position is refreshed this often (and its health checked). */
  refreshMs?: number;
  /** A replica that has not replayed what the primary had written this long ago serves no reads (5 s). */
  maxLagMs?: number;
  /** Pool size of the replica. */
  max?: number;
  now?: () => number;
  log?: { info(obj: object, msg: string): void; warn(obj: object, msg: string): void };
}

/**
 * The failure of a replica query that the primary answers instead: the replica is unreachable or
 * going away (`down`), or it cancelled the query because replaying the primary's changes needed the
 * rows (`conflict`, hot-standby conflicts answer 40001) or the query writes (25006) — nothing is
 * wrong with the replica then.
 */
export function replicaFailure(err: unknown): 'down' | 'conflict' | undefined {
  const code = pgErrorCode(err);
  if (code === '40001' || code === '40P01') return 'conflict';
  // a write on the replica (25006 read_only_sql_transaction): a route marked read-only that writes
  // after all is answered by the primary rather than failing
  if (code === '25006') return 'conflict';
  if (code !== undefined) {
    // 08: connection exception; 57P01-03: admin / crash shutdown, cannot connect now; 53300: too many connections
    if (code.startsWith('08') || code === '57P01' || code === '57P02' || code === '57P03' || code === '53300')
      return 'down';
    if (/^E[A-Z]+$/.test(code)) return 'down'; // ECONNREFUSED, ECONNRESET, EPIPE, EHOSTUNREACH…
    return undefined;
  }
  const message = err instanceof Error ? err.message : '';
  if (
    /Connection terminated|connection timeout|timeout exceeded when trying to connect|not queryable/i.test(
      message,
    )
  )
    return 'down';
  return undefined;
}

/**
 * Health and replay position of one replica. Pure bookkeeping (no I/O): the replica decides with it
 * whether a read may go there, and when to probe again.
 */
export class ReplicaState {
  /** The replica's replay position at its last probe (undefined before the first). */
  replayLsn: Lsn | undefined;
  /** Replica queries that failed and were answered by the primary (down, conflict, a write). */
  failovers = 0;
  private downUntil = 0;
  private up = false;

  constructor(
    private readonly retryAfterMs: number,
    private readonly now: () => number = Date.now,
    /** Told when the replica goes down or comes back (once per outage, for the log). */
    private readonly onChange: (up: boolean) => void = () => {},
  ) {}

  /** Whether reads may go to the replica now. */
  get usable(): boolean {
    return this.up;
  }

  /** A probe answered: the replica is up and has replayed up to `lsn`. */
  probed(lsn: Lsn): void {
    if (!this.up) this.onChange(true);
    this.up = true;
    if (this.replayLsn === undefined || lsn > this.replayLsn) this.replayLsn = lsn;
  }

  /** A probe or a query failed: reads go to the primary until a probe after `retryAfterMs` answers. */
  failed(): void {
    if (this.up) this.onChange(false);
    this.up = false;
    this.downUntil = this.now() + this.retryAfterMs;
  }

  /** Whether it is time to probe a replica that is down. */
  get probeDue(): boolean {
    return !this.up && this.now() >= this.downUntil;
  }

  /** Whether the replica has replayed `lsn` (as of its last probe). */
  reached(lsn: Lsn): boolean {
    return this.replayLsn !== undefined && this.replayLsn >= lsn;
  }
}

/**
 * How stale a read without `X-Xinren-Read-After` may be: the primary's WAL position is sampled with
 * every probe, and the replica is too far behind when it has not replayed what the primary had
 * written `maxLagMs` ago (a replica whose replay is paused or stuck stops serving after that long,
 * while an idle primary never makes a replica look behind).
 */
export class LagBound {
  private samples: { at: number; lsn: Lsn }[] = [];

  constructor(private readonly maxLagMs: number) {}

  /** The primary's position `lsn` at time `at` (samples come in time order). */
  sample(at: number, lsn: Lsn): void {
    this.samples.push({ at, lsn });
    // keep one sample at least maxLagMs old (the newest such), and those after it
    while (this.samples.length > 1 && this.samples[1]!.at <= at - this.maxLagMs) this.samples.shift();
  }

  /** Whether a replica that has replayed `replayed` misses what the primary had `maxLagMs` before `now`. */
  behind(now: number, replayed: Lsn | undefined): boolean {
    let due: Lsn | undefined;
    for (const s of this.samples) if (s.at <= now - this.maxLagMs) due = s.lsn;
    if (due === undefined) return false;
    return replayed === undefined || replayed < due;
  }
}

/**
 * The read side of DATABASE_READ_URL: a second pool over a PostgreSQL streaming replica, and which
 * database one read request uses. A read goes to the replica while it is up; one that carries
 * `X-Xinren-Read-After` (the client's last commit) waits at most `maxWaitMs` for the replica to have
 * replayed that commit, else reads the primary, so nobody reads older data than their own writes.
 * The replay position is probed once a `refreshMs` (also the health check) and, while some read
 * waits, a few times more (one probe shared by every waiting read): no extra query per request.
 * Reads without the header are bounded too: a replica that has not replayed what the primary had
 * written `maxLagMs` ago (replay paused or stuck) is left out until it catches up.
 * A replica query that fails because the replica went away is answered by the primary on the spot
 * (outside a transaction), the replica is marked down and probed again after `retryAfterMs`.
 */
export class ReadReplica {
  readonly db: Db;
  readonly state: ReplicaState;
  private readonly pool: pg.Pool;
  private readonly untrack: () => void;
  private readonly maxWaitMs: number;
  private readonly refreshMs: number;
  private readonly lag: LagBound;
  private sampledAt = 0;
  private probing: Promise<void> | undefined;
  private probeClient: pg.Client | undefined;
  private timer: NodeJS.Timeout | undefined;
  private closed = false;

  constructor(
    private readonly url: string,
    readonly primary: Db,
    primaryPool: pg.Pool,
    options: ReadReplicaOptions = {},
  ) {
    this.maxWaitMs = options.maxWaitMs ?? 100;
    this.refreshMs = options.refreshMs ?? 500;
    this.lag = new LagBound(options.maxLagMs ?? 5_000);
    const log = options.log;
    this.state = new ReplicaState(options.retryAfterMs ?? 1_000, options.now, (up) =>
      up
        ? log?.info({}, 'read replica answers again: read-only routes read it')
        : log?.warn({}, 'read replica unreachable: reads go to the primary until it answers'),
    );
    this.pool = new pg.Pool({
      connectionString: url,
      max: options.max ?? 20,
      application_name: 'xinren-read',
      idleTimeoutMillis: 30_000,
      // a replica that does not answer must not hold reads long: they go to the primary instead
      connectionTimeoutMillis: 1_000,
    });
    this.pool.on('error', () => {});
    this.pool.on('connect', (client) => client.on('error', () => {}));
    this.untrack = trackPool(this.pool);
    const replica = new PostgresDriver({ pool: this.pool });
    const fallback = new PostgresDriver({ pool: primaryPool });
    const state = this.state;
    const max = options.max ?? 20;
    const pool = this.pool;
    const full = () => pool.totalCount >= max && pool.idleCount === 0;
    this.db = new Kysely<Database>({
      dialect: new (class extends PostgresDialect {
        override createDriver(): Driver {
          return new FailoverDriver(replica, fallback, state, full);
        }
      })({ pool: this.pool }),
      plugins: [new CamelCasePlugin()],
      log: observeQuery,
    });
  }

  /** Probes the replica once and keeps probing it (unref'd timer) until `close()`. */
  async start(): Promise<void> {
    replicaStates.add(this.state);
    await this.probe();
    this.schedule();
  }

  private schedule() {
    if (this.closed) return;
    this.timer = setTimeout(
      () => {
        void this.probe().finally(() => this.schedule());
      },
      this.state.usable ? this.refreshMs : Math.min(this.refreshMs, 250),
    );
    this.timer.unref();
  }

  /**
   * One probe at a time: the replay position (a replica) or the WAL position (a server that is not in
   * recovery, e.g. a promoted replica, has everything it has). Shared by concurrent callers.
   */
  probe(): Promise<void> {
    if (!this.probing) {
      const run = this.probeOnce();
      this.probing = run;
      // cleared once settled (not inside probeOnce: a probe that returns at once would clear it
      // before it is set, and every later caller would get that finished probe)
      void run.finally(() => {
        if (this.probing === run) this.probing = undefined;
      });
    }
    return this.probing;
  }

  private async probeOnce(): Promise<void> {
    if (!this.state.usable && !this.state.probeDue) return;
    // the primary's position first (at most twice a refresh: not for every probe of a waiting read),
    // so the replica is held to what the primary had before its probe
    if (Date.now() - this.sampledAt >= this.refreshMs / 2) {
      this.sampledAt = Date.now();
      try {
        const primary = parseLsn(await primaryLsn(this.primary));
        if (primary !== undefined) this.lag.sample(Date.now(), primary);
      } catch {
        // the primary's trouble is not the replica's: its requests fail on their own
      }
    }
    try {
      const { rows } = await (await this.probeConnection()).query<{ lsn: string | null }>(
        `select (case when pg_is_in_recovery() then pg_last_wal_replay_lsn()
                      else pg_current_wal_lsn() end)::text as lsn`,
      );
      const lsn = parseLsn(rows[0]?.lsn);
      // a standby that has replayed nothing yet cannot serve reads
      if (lsn === undefined) this.state.failed();
      else this.state.probed(lsn);
    } catch {
      this.state.failed();
      const client = this.probeClient;
      this.probeClient = undefined;
      void client?.end().catch(() => {});
    }
  }

  /**
   * The probes' own connection to the replica: not one of the pool's (the replica's Kysely would
   * answer from the primary, and a pool busy with reads would starve the probe into a false "down").
   */
  private async probeConnection(): Promise<pg.Client> {
    if (this.probeClient) return this.probeClient;
    const client = new pg.Client({
      connectionString: this.url,
      application_name: 'xinren-read-probe',
      connectionTimeoutMillis: 1_000,
      // a replica that stops answering (a network partition) fails the probe instead of hanging it
      query_timeout: 1_000,
    });
    client.on('error', () => {});
    await client.connect();
    this.probeClient = client;
    return client;
  }

  /**
   * The database a read-only request reads: the replica, unless it is down, or the request's
   * `X-Xinren-Read-After` names a commit it has not replayed within `maxWaitMs`.
   */
  async dbFor(readAfter: string | readonly string[] | undefined): Promise<Db> {
    const to = await this.route(readAfter);
    readReplicaRouted.inc({ to });
    return to === 'replica' ? this.db : this.primary;
  }

  private async route(
    readAfter: string | readonly string[] | undefined,
  ): Promise<'replica' | 'primary_down' | 'primary_behind' | 'primary_lagging'> {
    if (!this.state.usable) return 'primary_down';
    if (this.lag.behind(Date.now(), this.state.replayLsn)) return 'primary_lagging';
    if (readAfter === undefined) return 'replica';
    const lsn = highestLsn(readAfter);
    // a header that names no position cannot be honoured by the replica: the primary answers
    if (lsn === undefined) return 'primary_behind';
    if (await this.replayed(lsn)) return 'replica';
    return this.state.usable ? 'primary_behind' : 'primary_down';
  }

  /** Whether the replica replays `lsn` within `maxWaitMs`, polling its position (shared probes, ~10 ms apart). */
  async replayed(lsn: Lsn): Promise<boolean> {
    if (this.state.reached(lsn)) return true;
    const deadline = Date.now() + this.maxWaitMs;
    while (Date.now() < deadline) {
      await this.probe();
      if (!this.state.usable) return false;
      if (this.state.reached(lsn)) return true;
      await new Promise((resolve) => setTimeout(resolve, Math.min(10, Math.max(0, deadline - Date.now()))));
    }
    return this.state.reached(lsn);
  }

  async close(): Promise<void> {
    this.closed = true;
    replicaStates.delete(this.state);
    clearTimeout(this.timer);
    this.untrack();
    await this.probing;
    await this.probeClient?.end().catch(() => {});
    await this.db.destroy();
  }
}

/**
 * The replica of `config.databaseReadUrl` beside the primary `handle`, probed once and kept probed;
 * undefined without DATABASE_READ_URL. A replica that is down at start is used once a probe answers.
 */
export async function openReadReplica(
  databaseReadUrl: string | undefined,
  primary: { db: Db; pool: pg.Pool },
  log?: ReadReplicaOptions['log'],
): Promise<ReadReplica | undefined> {
  if (!databaseReadUrl) return undefined;
  const replica = new ReadReplica(databaseReadUrl, primary.db, primary.pool, log ? { log } : {});
  await replica.start();
  if (!replica.state.usable) log?.warn({}, 'DATABASE_READ_URL does not answer yet: reads go to the primary');
  return replica;
}

/** The primary's WAL position now (after the request's writes committed), as `X/Y`. */
export async function primaryLsn(db: Db): Promise<string | undefined> {
  const { rows } = await sql<{ lsn: string }>`select pg_current_wal_lsn()::text as lsn`.execute(db);
  const lsn = parseLsn(rows[0]?.lsn);
  return lsn === undefined ? undefined : formatLsn(lsn);
}

/**
 * A connection of the replica's Kysely: a replica connection while it works, the primary's from the
 * moment it fails (outside a transaction: a transaction begun on the replica fails with it).
 */
class FailoverConnection implements DatabaseConnection {
  inTransaction = false;

  constructor(
    private readonly driver: FailoverDriver,
    public replica: DatabaseConnection | undefined,
    public primary: DatabaseConnection | undefined,
  ) {}

  async executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    if (this.replica === undefined) return this.primary!.executeQuery<R>(query);
    try {
      return await this.replica.executeQuery<R>(query);
    } catch (err) {
      const failure = replicaFailure(err);
      if (failure === undefined || this.inTransaction) throw err;
      await this.driver.toPrimary(this, failure);
      return this.primary!.executeQuery<R>(query);
    }
  }

  streamQuery<R>(query: CompiledQuery, chunkSize?: number): AsyncIterableIterator<QueryResult<R>> {
    return (this.replica ?? this.primary)!.streamQuery<R>(query, chunkSize);
  }
}

/** Gives a connection `driver` acquired back to it (its own connection class, typed by the driver). */
const release = (driver: PostgresDriver, connection: DatabaseConnection) =>
  driver.releaseConnection(connection as Parameters<PostgresDriver['releaseConnection']>[0]);

class FailoverDriver implements Driver {
  constructor(
    private readonly replica: PostgresDriver,
    private readonly primary: PostgresDriver,
    private readonly state: ReplicaState,
    /** Whether every replica connection is in use: a wait that times out then is load, not a dead replica. */
    private readonly replicaFull: () => boolean,
  ) {}

  async init() {
    await this.replica.init();
    await this.primary.init();
  }

  async acquireConnection(): Promise<DatabaseConnection> {
    if (this.state.usable) {
      const full = this.replicaFull();
      try {
        return new FailoverConnection(this, await this.replica.acquireConnection(), undefined);
      } catch (err) {
        const failure = replicaFailure(err);
        if (failure === undefined) throw err;
        // the pool's wait timed out behind busy connections: this read goes to the primary, the
        // replica stays in use
        const busy = failure === 'down' && full;
        this.state.failovers++;
        readReplicaFailovers.inc({ failure: busy ? 'busy' : failure });
        if (failure === 'down' && !busy) this.state.failed();
      }
    }
    return new FailoverConnection(this, undefined, await this.primary.acquireConnection());
  }

  /** Gives `connection`'s replica connection back and takes one of the primary for the rest of its use. */
  async toPrimary(connection: FailoverConnection, failure: 'down' | 'conflict') {
    this.state.failovers++;
    readReplicaFailovers.inc({ failure });
    if (failure === 'down') this.state.failed();
    const replica = connection.replica!;
    connection.replica = undefined;
    await release(this.replica, replica);
    connection.primary = await this.primary.acquireConnection();
  }

  async beginTransaction(connection: DatabaseConnection, settings: TransactionSettings) {
    await this.replica.beginTransaction(connection, settings);
    (connection as FailoverConnection).inTransaction = true;
  }

  async commitTransaction(connection: DatabaseConnection) {
    try {
      await this.replica.commitTransaction(connection);
    } finally {
      (connection as FailoverConnection).inTransaction = false;
    }
  }

  async rollbackTransaction(connection: DatabaseConnection) {
    try {
      await this.replica.rollbackTransaction(connection);
    } finally {
      (connection as FailoverConnection).inTransaction = false;
    }
  }

  async savepoint(connection: DatabaseConnection, name: string, compile: QueryCompiler['compileQuery']) {
    await this.replica.savepoint(connection, name, compile);
  }

  async rollbackToSavepoint(
    connection: DatabaseConnection,
    name: string,
    compile: QueryCompiler['compileQuery'],
  ) {
    await this.replica.rollbackToSavepoint(connection, name, compile);
  }

  async releaseSavepoint(
    connection: DatabaseConnection,
    name: string,
    compile: QueryCompiler['compileQuery'],
  ) {
    await this.replica.releaseSavepoint(connection, name, compile);
  }

  async releaseConnection(connection: DatabaseConnection) {
    const c = connection as FailoverConnection;
    if (c.replica) await release(this.replica, c.replica);
    if (c.primary) await release(this.primary, c.primary);
  }

  async destroy() {
    // the primary's pool belongs to the primary's Kysely
    await this.replica.destroy();
  }
}

/** The database `request`'s reads use: the replica chosen for a `reads: 'replica'` route, else `primary`. */
export function readsFrom(request: FastifyRequest, primary: Db): Db {
  return request.readDb ?? primary;
}

const READS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Read routing with a replica (nothing is added without one, so the default path pays nothing): a
 * `reads: 'replica'` route gets `request.readDb` before its handler, and the answer to every write
 * request carries the primary's WAL position after it (`X-Xinren-Commit-Lsn`) for the client to send
 * back as `X-Xinren-Read-After`.
 */
export function routeReads(app: FastifyInstance, primary: Db, replica: ReadReplica): void {
  app.addHook('preHandler', async (request) => {
    if (request.routeOptions.config.reads !== 'replica') return;
    request.readDb = await replica.dbFor(request.headers[READ_AFTER_HEADER]);
  });
  // onSend: the request's writes have committed and the answer has not left yet
  app.addHook('onSend', async (request, reply) => {
    if (READS.has(request.method)) return;
    try {
      const lsn = await primaryLsn(primary);
      if (lsn !== undefined) reply.header(COMMIT_LSN_HEADER, lsn);
    } catch {
      // the primary is unreachable: the write's own answer says what happened
    }
  });
}
