import { CamelCasePlugin, Kysely, PostgresDialect, sql, type Transaction } from 'kysely';
import pg from 'pg';
import type { Database } from '../database.ts';
import { Bus, type BusSink } from './bus.ts';
import { observeQuery, trackPool } from './metrics.ts';

// int8 (bigint ids, fen sums, counts) as JS numbers: every value we store is a safe integer, and we
// fail loudly rather than lose precision if one ever is not.
pg.types.setTypeParser(pg.types.builtins.INT8, (value: string) => {
  const n = Number(value);
  if (!Number.isSafeInteger(n)) throw new Error(`int8 value ${value} exceeds the safe integer range`);
  return n;
});
// numeric only appears in computed rates; parse as number.
pg.types.setTypeParser(pg.types.builtins.NUMERIC, (value: string) => Number(value));

export type Db = Kysely<Database>;
export type Tx = Transaction<Database>;
/** Either the pool-backed instance or a transaction: use cases accept both. */
export type Executor = Kysely<Database>;

/** Runs `fn` in the caller's transaction when `db` is one, else in a new transaction. */
export function inTransaction<T>(db: Executor, fn: (tx: Tx) => Promise<T>): Promise<T> {
  return db.isTransaction ? fn(db as Tx) : db.transaction().execute(fn);
}

export interface DbHandle {
  db: Db;
  pool: pg.Pool;
  close(): Promise<void>;
}

export function connect(
  url: string,
  opts: {
    max?: number;
    applicationName?: string;
    /** Broker mode (NATS): `notify` on this handle publishes to `bus` after commit, not pg_notify. */
    bus?: BusSink;
  } = {},
): DbHandle {
  const pool = new pg.Pool({
    connectionString: url,
    max: opts.max ?? 20,
    application_name: opts.applicationName ?? 'xinren',
    idleTimeoutMillis: 30_000,
  });
  // A client losing its server (restart, network), idle or between two queries of a transaction,
  // must not crash the process: the query in flight fails and the pool replaces the client.
  pool.on('error', () => {});
  pool.on('connect', (client) => client.on('error', () => {}));
  const untrack = trackPool(pool);
  const dialect = new PostgresDialect({ pool });
  const bus = opts.bus ? new Bus(opts.bus) : undefined;
  const db = new Kysely<Database>({
    dialect: bus ? bus.wrap(dialect) : dialect,
    plugins: bus ? [new CamelCasePlugin(), bus] : [new CamelCasePlugin()],
    // query times for /metrics (xinren_db_query_duration_seconds); Kysely times each query for it
    log: observeQuery,
  });
  return {
    db,
    pool,
    async close() {
      untrack();
      await db.destroy();
    },
  };
}

export async function ping(db: Db): Promise<boolean> {
  try {
    await sql`select 1`.execute(db);
    return true;
  } catch {
    return false;
  }
}

/** Create `name` on the server of `adminUrl` unless it exists. */
export async function ensureDatabase(adminUrl: string, name: string): Promise<string> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const found = await client.query('select 1 from pg_database where datname = $1', [name]);
    if (found.rowCount === 0) {
      try {
        await client.query(`create database ${client.escapeIdentifier(name)}`);
      } catch (err) {
        // another process created it first
        if ((err as { code?: string }).code !== '42P04') throw err;
      }
    }
  } finally {
    await client.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

/** Postgres error code of a failed query, if any. */
export function pgErrorCode(err: unknown): string | undefined {
  return typeof err === 'object' && err !== null && 'code' in err
    ? String((err as { code: unknown }).code)
    : undefined;
}

export const isUniqueViolation = (err: unknown) => pgErrorCode(err) === '23505';
export const isForeignKeyViolation = (err: unknown) => pgErrorCode(err) === '23503';
