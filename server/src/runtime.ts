import type { Logger } from 'pino';
import { buildApp } from './app.ts';
import { deadlineBatchHandlers, deadlineHandlers } from './deadlines.ts';
import { scheduleProtectionRefresh, scheduleSkuSpikeDetection } from './modules/aftersales/index.ts';
import { scheduleCareScan } from './modules/care/index.ts';
import { backfillSearchText } from './modules/catalog/index.ts';
import { keepSettingsCurrent } from './modules/configuration/index.ts';
import { scheduleRankRefresh } from './modules/discovery/index.ts';
import { scheduleGrowthEvaluation } from './modules/growth/index.ts';
import { scheduleScoreRecompute } from './modules/reputation/index.ts';
import { scheduleNpsSampling } from './modules/surveys/index.ts';
import { scheduleFeedbackIngestion } from './modules/voice/index.ts';
import { outboxStreamOptions, WebhookRunner } from './modules/webhooks/index.ts';
import { type Clock, systemClock } from './platform/clock.ts';
import type { Config } from './platform/config.ts';
import type { AppContext } from './platform/context.ts';
import { connect, type DbHandle, ensureDatabase } from './platform/db.ts';
import { type EmbeddedPostgres, startEmbeddedPostgres } from './platform/embedded-postgres.ts';
import type { App } from './platform/http.ts';
import { createLogger as createPlatformLogger } from './platform/logging.ts';
import { migrate } from './platform/migrate.ts';
import type { NatsConnection } from './platform/nats.ts';
import { type OpenedBus, openBus } from './platform/pubsub.ts';
import { openReadReplica, type ReadReplica } from './platform/read-replica.ts';
import { DeadlineRunner } from './platform/scheduler/index.ts';
import { defaultSettings } from './platform/settings.ts';
import { seedDemo } from './seed/index.ts';
import { buildWorkerApp } from './worker-app.ts';

export interface Database {
  url: string;
  /**
   * Where session state goes (migrations, session advisory locks, LISTEN): DATABASE_SESSION_URL, a
   * direct connection when DATABASE_URL is PgBouncer in transaction mode; else the same as `url`.
   */
  sessionUrl: string;
  embedded: EmbeddedPostgres | undefined;
}

/** DATABASE_URL when given (nothing started); otherwise the embedded PostgreSQL in the data directory. */
export async function openDatabase(config: Config, log: Logger): Promise<Database> {
  if (config.databaseUrl) {
    const sessionUrl = config.databaseSessionUrl ?? config.databaseUrl;
    log.info(
      { database: redact(config.databaseUrl), session: redact(sessionUrl) },
      config.databaseSessionUrl
        ? 'using DATABASE_URL (session state over DATABASE_SESSION_URL)'
        : 'using DATABASE_URL',
    );
    return { url: config.databaseUrl, sessionUrl, embedded: undefined };
  }
  const embedded = await startEmbeddedPostgres({
    dataDir: config.dataDir,
    port: config.embeddedPgPort,
    logger: log,
  });
  try {
    const url = await ensureDatabase(embedded.localUrl, 'xinren');
    return { url, sessionUrl: url, embedded };
  } catch (err) {
    await embedded.stop();
    throw err;
  }
}

function redact(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return 'invalid url';
  }
}

/** JSON lines, or readable text when stdout is a terminal (XINREN_LOG_FORMAT overrides): platform/logging.ts. */
export function createLogger(config: Config): Logger {
  return createPlatformLogger({ level: config.logLevel, format: config.logFormat });
}

export interface Platform {
  app: App;
  db: DbHandle;
  database: Database;
  /** The NATS connection when NATS_URL is set (events between processes; the outbox stream). */
  nats: NatsConnection | undefined;
  stop(): Promise<void>;
}

/**
 * Work every worker does once at start: the recurring deadlines are scheduled (idempotent: one
 * pending row per kind, whichever worker writes first), and products of before the search index get
 * their words. `api` processes skip it: they write nothing at start.
 */
async function scheduleStartupWork(db: DbHandle['db'], clock: Clock): Promise<void> {
  await db.transaction().execute((tx) => scheduleProtectionRefresh(tx, clock.now()));
  await db.transaction().execute((tx) => scheduleNpsSampling(tx, clock.now()));
  await db.transaction().execute((tx) => scheduleCareScan(tx, clock.now()));
  await db.transaction().execute((tx) => scheduleGrowthEvaluation(tx, clock.now()));
  // Products of before the search index get their words; the first rank refresh is due now.
  await backfillSearchText(db);
  await db.transaction().execute((tx) => scheduleRankRefresh(tx, clock.now()));
  await db.transaction().execute((tx) => scheduleScoreRecompute(tx, clock.now()));
  await db.transaction().execute((tx) => scheduleFeedbackIngestion(tx, clock.now()));
  await db.transaction().execute((tx) => scheduleSkuSpikeDetection(tx, clock.now()));
}

/**
 * Opens the database, migrates it, and builds the app of `config.role` (not yet listening): `api`
 * serves the API and runs no background work; `worker` fires deadlines and delivers webhooks, its
 * HTTP serving only probes and /metrics; `all` both.
 */
export async function startPlatform(
  config: Config,
  log: Logger,
  clock: Clock = systemClock,
): Promise<Platform> {
  const role = config.role;
  const background = role !== 'api';
  log.info({ role }, `process role: ${role}`);
  const database = await openDatabase(config, log);
  let db: DbHandle | undefined;
  let bus: OpenedBus | undefined;
  let replica: ReadReplica | undefined;
  try {
    await migrate(database.sessionUrl, (msg) => log.info(msg));
    // NATS_URL: events between processes over NATS (published after commit); else LISTEN/NOTIFY.
    bus = await openBus({
      natsUrl: config.natsUrl,
      sessionUrl: database.sessionUrl,
      name: `xinren-${role}-${process.pid}`,
      log,
      prefix: process.env.NATS_SUBJECT_PREFIX || undefined,
    });
    db = connect(database.url, { bus: bus.sink });
    const pubsub = bus.pubsub;
    // DATABASE_READ_URL: the read-only routes of an api process read this replica (platform/read-replica.ts)
    if (role !== 'worker') replica = await openReadReplica(config.databaseReadUrl, db, log);
    const ctx: AppContext = {
      db: db.db,
      clock,
      config,
      log,
      settings: { ...defaultSettings },
      pubsub,
      ...(replica ? { replica } : {}),
    };
    // XINREN_SEED=off: an empty database stays empty; XINREN_SEED_HISTORY=off: no sales history.
    if (config.seedOnEmpty)
      await seedDemo(ctx, {
        history: process.env.XINREN_SEED_HISTORY !== 'off',
        sessionUrl: database.sessionUrl,
      });
    if (background) await scheduleStartupWork(db.db, clock);
    // A worker's settings follow the configuration in force as an api process's do (configurationRoutes).
    if (role === 'worker') await keepSettingsCurrent(ctx);
    const app = role === 'worker' ? await buildWorkerApp(ctx) : await buildApp(ctx);
    // XINREN_DEADLINES=off: this process serves requests but fires no deadlines (others may).
    const deadlines =
      !background || process.env.XINREN_DEADLINES === 'off'
        ? undefined
        : new DeadlineRunner({
            db: db.db,
            clock,
            handlers: deadlineHandlers(ctx),
            batchHandlers: deadlineBatchHandlers(ctx),
            log,
          });
    deadlines?.start();
    // XINREN_WEBHOOKS=off: this process delivers no webhooks (others may; events wait in the outbox).
    const webhooks =
      !background || process.env.XINREN_WEBHOOKS === 'off'
        ? undefined
        : new WebhookRunner({
            db: db.db,
            clock,
            log,
            allowPrivateNetworks: ctx.config.webhooksAllowPrivateNetworks,
            // NATS_URL: events reach deliveries through the JetStream outbox stream (docs/webhooks.md "With NATS")
            ...(bus.nats
              ? { nats: bus.nats, stream: outboxStreamOptions(process.env.NATS_SUBJECT_PREFIX) }
              : {}),
          });
    webhooks?.start();
    let stopping: Promise<void> | undefined;
    const handle = db;
    const opened = bus;
    return {
      app,
      db: handle,
      database,
      nats: bus.nats,
      stop() {
        stopping ??= (async () => {
          await app.close();
          await replica?.close();
          await deadlines?.stop();
          await webhooks?.stop();
          await opened.close();
          await handle.close();
          await database.embedded?.stop();
        })();
        return stopping;
      },
    };
  } catch (err) {
    await replica?.close();
    await bus?.close();
    await db?.close();
    await database.embedded?.stop();
    throw err;
  }
}
