import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import pg from 'pg';
import pino from 'pino';
import { afterAll, inject } from 'vitest';
import { buildApp } from '../src/app.ts';
import { deadlineBatchHandlers, deadlineHandlers } from '../src/deadlines.ts';
import { checkLedger } from '../src/modules/ledger/index.ts';
import { WebhookRunner } from '../src/modules/webhooks/index.ts';
import { ManualClock } from '../src/platform/clock.ts';
import { loadConfig } from '../src/platform/config.ts';
import type { AppContext } from '../src/platform/context.ts';
import { connect, type Db, type DbHandle } from '../src/platform/db.ts';
import type { App } from '../src/platform/http.ts';
import { PgPubSub } from '../src/platform/pubsub.ts';
import { DeadlineRunner } from '../src/platform/scheduler/index.ts';
import { defaultSettings } from '../src/platform/settings.ts';

export interface TestContext extends AppContext {
  /** The platform's deadline runner (every module's handlers), driven by `clock`: call `runDue()`. */
  deadlines: DeadlineRunner;
  /** The webhook delivery engine, driven by `clock` (not started): call `runOnce()`. */
  webhooks: WebhookRunner;
  app: App;
  clock: ManualClock;
  handle: DbHandle;
  dbUrl: string;
}

/** A fresh database cloned from the migrated template, for one test file. */
export async function createTestDatabase(): Promise<string> {
  const adminUrl = inject('pgAdminUrl');
  const name = `xt_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`create database ${name} template ${inject('templateDb')}`);
  } finally {
    await admin.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

// Hooks must be registered while the file is collected (createTestContext runs in beforeAll, too
// late for that): this one, registered when a test file imports the harness, closes its contexts.
const closers: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const close of closers.splice(0)) await close();
});

/** App + database + manual clock for a test file; closed after the file. */
export async function createTestContext(
  options: {
    /** Off only for a file that corrupts the ledger on purpose (to test ledger:check itself). */
    checkLedgerAfter?: boolean;
    /** XINREN_WEBHOOKS_PRIVATE_NETWORKS (default allow: test receivers listen on 127.0.0.1). */
    webhooksPrivateNetworks?: 'allow' | 'deny';
  } = {},
): Promise<TestContext> {
  const dbUrl = await createTestDatabase();
  const handle = connect(dbUrl, { max: 10 });
  const clock = new ManualClock();
  const log = pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' });
  // Test receivers listen on 127.0.0.1: private networks allowed unless a file tests the guard.
  const config = {
    ...loadConfig({ XINREN_WEBHOOKS_PRIVATE_NETWORKS: options.webhooksPrivateNetworks ?? 'allow' }),
    databaseUrl: dbUrl,
    webDir: undefined,
  };
  const pubsub = new PgPubSub(handle.pool);
  const ctx: AppContext = { db: handle.db, clock, config, log, settings: { ...defaultSettings }, pubsub };
  const app = await buildApp(ctx);
  await app.ready();
  closers.push(async () => {
    // Issue 3: the ledger must pass ledger:check after every integration test file.
    const ledger = await checkLedger(handle.db);
    await app.close();
    await pubsub.close();
    await handle.close();
    if (!ledger.ok && options.checkLedgerAfter !== false)
      throw new Error(`ledger:check failed after this test file: ${JSON.stringify(ledger)}`);
  });
  const deadlines = new DeadlineRunner({
    db: handle.db,
    clock,
    handlers: deadlineHandlers(ctx),
    batchHandlers: deadlineBatchHandlers(ctx),
    log,
  });
  const webhooks = new WebhookRunner({
    db: handle.db,
    clock,
    log,
    allowPrivateNetworks: config.webhooksAllowPrivateNetworks,
  });
  return { ...ctx, clock, app, handle, dbUrl, deadlines, webhooks };
}

export interface ApiResponse<T = any> {
  status: number;
  body: T;
  headers: Record<string, string | string[] | undefined>;
}

/** Thin HTTP client over app.inject: `api(app).as(token).post('/api/v1/x', body)`. */
export function api(app: App, token?: string) {
  const call = async (method: string, url: string, body?: unknown, headers: Record<string, string> = {}) => {
    const res = await app.inject({
      method: method as 'GET',
      url,
      payload: body === undefined ? undefined : (body as object),
      headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
    });
    let parsed: unknown = res.body;
    try {
      parsed = res.json();
    } catch {}
    return { status: res.statusCode, body: parsed, headers: res.headers } as ApiResponse;
  };
  return {
    as: (t: string | undefined) => api(app, t),
    get: (url: string, headers?: Record<string, string>) => call('GET', url, undefined, headers),
    post: (url: string, body?: unknown, headers?: Record<string, string>) =>
      call('POST', url, body ?? {}, headers),
    put: (url: string, body?: unknown, headers?: Record<string, string>) =>
      call('PUT', url, body ?? {}, headers),
    patch: (url: string, body?: unknown, headers?: Record<string, string>) =>
      call('PATCH', url, body ?? {}, headers),
    delete: (url: string, headers?: Record<string, string>) => call('DELETE', url, undefined, headers),
  };
}

/** Row counts of every table: the "nothing was written" check of the bad-input tests. */
export async function tableCounts(db: Db): Promise<Record<string, number>> {
  const tables = await sql<{ name: string }>`
    select table_name as name from information_schema.tables
    where table_schema = 'public' and table_type = 'BASE TABLE' and table_name <> 'schema_migrations'
    order by table_name`.execute(db);
  const counts: Record<string, number> = {};
  for (const { name } of tables.rows) {
    const r = await sql<{ n: number }>`select count(*)::int as n from ${sql.table(name)}`.execute(db);
    counts[name] = r.rows[0]!.n;
  }
  return counts;
}
