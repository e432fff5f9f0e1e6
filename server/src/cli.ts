import pino from 'pino';
import { checkCredits } from './modules/growth/index.ts';
import { checkLedger } from './modules/ledger/index.ts';
import {
  BACKTEST_USAGE,
  type BacktestArgs,
  backtestPolicy,
  formatBacktest,
  parseBacktestArgs,
} from './modules/risk/index.ts';
import { openApiDocument } from './openapi-document.ts';
import { loadConfig } from './platform/config.ts';
import { connect } from './platform/db.ts';
import { AppError } from './platform/errors.ts';
import { migrate } from './platform/migrate.ts';
import { roleFromArgs } from './platform/process-role.ts';
import { startTracing, tracingConfigured } from './platform/telemetry.ts';
import { isWebBuild } from './platform/web.ts';
import { createLogger, openDatabase, startPlatform } from './runtime.ts';
import { createAdminCommand, printDemoLogins, seedCommand } from './seed/commands.ts';

const HELP = `xinren <command>

  start          start the platform (embedded PostgreSQL unless DATABASE_URL is set);
                 --role api|worker|all (beats XINREN_ROLE): api serves the API and runs no background
                 work, worker fires deadlines and delivers webhooks (its HTTP: /health/live,
                 /health/ready, /metrics only), all (default) both; run any number of each
  migrate        apply database migrations and exit
  ledger:check   verify the ledger, print the report as JSON; exit 1 when it is not ok
  credits:check  verify the exposure-credit journal (balanced, balances = postings, none negative), as JSON
  seed           add the demo marketplace (and the demo shops' sales histories) when the database has
                 no users, print the demo logins
  create-admin   --login <login> --password <password> [--name <name>]: add an ops super admin
  backtest       --checkpoint <c> --policy <id> [--since <ISO>] [--until <ISO>] [--json]: replay stored
                 decisions through a trust policy version (counts before → after, precision, recall)
  openapi        print the OpenAPI document (what /openapi.json serves) without a database
  help           this text

Environment: PORT (3000), XINREN_DATA_DIR (./.xinren-data), DATABASE_URL, XINREN_PG_PORT (54329), LOG_LEVEL,
XINREN_SEED (on; off: start does not seed an empty database), XINREN_SEED_HISTORY (on; off: the seed plays
no sales histories of the demo shops), XINREN_DEADLINES (on; off: this process fires
no deadlines), XINREN_WEBHOOKS (on; off: this process delivers no webhooks), XINREN_WEBHOOKS_ALLOW_HTTP (off; on: plain-http
endpoints anywhere), XINREN_WEBHOOKS_PRIVATE_NETWORKS (deny; allow: endpoints in private networks), XINREN_PG_OPTIONS (extra "-c name=value" settings for the embedded PostgreSQL),
XINREN_LOG_FORMAT (auto: pretty on a terminal, JSON otherwise; json; pretty), XINREN_SLOW_REQUEST_MS (1000),
XINREN_METRICS_TOKEN (unset: /metrics is public), OTEL_EXPORTER_OTLP_ENDPOINT (set: OpenTelemetry traces),
XINREN_ROLE (all; api; worker: as start --role), DATABASE_SESSION_URL (unset: DATABASE_URL; a direct connection
for migrations, session locks and LISTEN when DATABASE_URL is PgBouncer in transaction mode),
NATS_URL (unset: events between processes over PostgreSQL LISTEN/NOTIFY; set, e.g. nats://127.0.0.1:4222: over
NATS, published after commit, docs/events-between-processes.md), NATS_SUBJECT_PREFIX (xinren),
DATABASE_READ_URL (unset: every read on DATABASE_URL; set: a streaming replica the read-only routes read,
writes answer X-Xinren-Commit-Lsn for clients to echo as X-Xinren-Read-After, docs/read-replicas.md)`;

async function start() {
  const started = Date.now();
  // OpenTelemetry traces only when an OTLP endpoint is configured, started before the app is built.
  const tracing = tracingConfigured() ? await startTracing() : undefined;
  const env = loadConfig();
  // `--role` beats XINREN_ROLE
  const config = { ...env, role: roleFromArgs(process.argv.slice(3), env.role) };
  const log = createLogger(config);
  if (tracing) log.info('OpenTelemetry traces on (OTLP over HTTP)');
  const platform = await startPlatform(config, log);
  let shuttingDown = false;
  const shutdown = async (signal: string) => {
    if (shuttingDown) return;
    shuttingDown = true;
    log.info({ signal }, 'shutting down');
    await platform.stop();
    await tracing?.shutdown().catch(() => {});
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  await platform.app.listen({ port: config.port, host: config.host });
  log.info(
    { ms: Date.now() - started, url: `http://localhost:${config.port}`, role: config.role },
    'Xinren is ready',
  );
  // a worker serves no pages and signs nobody in
  if (config.role === 'worker') return;
  await printDemoLogins(platform.db.db);
  printAddresses(`http://localhost:${config.port}`, isWebBuild(config.webDir));
}

/** Where to point a browser. */
function printAddresses(base: string, web: boolean) {
  const lines = web
    ? [
        `  ${base}/           buyer app (live rooms, orders, after-sales)`,
        `  ${base}/merchant   merchant console`,
        `  ${base}/ops        ops console`,
      ]
    : ['  (the web apps are not built: npm run build:web)'];
  console.log(['Open in a browser:', ...lines, `  ${base}/docs       API reference`].join('\n'));
}

async function migrateOnly() {
  const config = loadConfig();
  const log = createLogger(config);
  const platform = await startPlatform({ ...config, seedOnEmpty: false }, log);
  await platform.stop();
}

/** Opens the database as `start` does (without migrating or serving) and checks the ledger. */
async function ledgerCheck() {
  const config = loadConfig();
  // stdout carries the JSON report only; the database's warnings go to stderr
  const database = await openDatabase(config, pino({ level: 'warn' }, pino.destination(2)));
  const handle = connect(database.url, { max: 1, applicationName: 'xinren-ledger-check' });
  try {
    // A database that has not been started yet has no ledger tables: an empty ledger is in order.
    await migrate(database.sessionUrl);
    const report = await checkLedger(handle.db);
    console.log(JSON.stringify(report, null, 2));
    process.exitCode = report.ok ? 0 : 1;
  } finally {
    await handle.close();
    await database.embedded?.stop();
  }
}

/** Opens the database as `start` does and checks the exposure-credit journal (product rules §7.5). */
async function creditsCheck() {
  const config = loadConfig();
  const database = await openDatabase(config, pino({ level: 'warn' }, pino.destination(2)));
  const handle = connect(database.url, { max: 1, applicationName: 'xinren-credits-check' });
  try {
    await migrate(database.sessionUrl);
    const report = await checkCredits(handle.db);
    console.log(JSON.stringify(report, null, 2));
    process.exitCode = report.ok ? 0 : 1;
  } finally {
    await handle.close();
    await database.embedded?.stop();
  }
}

/** `xinren backtest`: replays stored decisions through a policy version and prints the report. */
async function backtestCommand(args: readonly string[]): Promise<void> {
  let parsed: BacktestArgs;
  try {
    parsed = parseBacktestArgs(args);
  } catch (err) {
    console.error(`backtest: ${(err as Error).message}\nusage: ${BACKTEST_USAGE}`);
    process.exitCode = 2;
    return;
  }
  const config = loadConfig();
  // stdout carries the report only; the database's messages go to stderr
  const database = await openDatabase(config, pino({ level: 'warn' }, pino.destination(2)));
  const handle = connect(database.url, { max: 2, applicationName: 'xinren-backtest' });
  try {
    await migrate(database.sessionUrl);
    const report = await backtestPolicy(handle.db, parsed);
    console.log(parsed.json ? JSON.stringify(report, null, 2) : formatBacktest(report));
  } catch (err) {
    if (!(err instanceof AppError)) throw err;
    console.error(`backtest: ${err.message}`);
    process.exitCode = 1;
  } finally {
    await handle.close();
    await database.embedded?.stop();
  }
}

const command = process.argv[2] ?? 'help';
const commands: Record<string, () => Promise<void>> = {
  start,
  migrate: migrateOnly,
  'ledger:check': ledgerCheck,
  'credits:check': creditsCheck,
  seed: seedCommand,
  'create-admin': () => createAdminCommand(process.argv.slice(3)),
  backtest: () => backtestCommand(process.argv.slice(3)),
  openapi: async () => {
    process.stdout.write(`${JSON.stringify(await openApiDocument(), null, 2)}\n`);
  },
};
const run = commands[command];
if (!run) {
  console.log(HELP);
  process.exit(command === 'help' ? 0 : 2);
} else {
  run().catch((err) => {
    console.error(err);
    process.exit(1);
  });
}
