import type { Logger } from 'pino';
import { systemClock } from '../platform/clock.ts';
import { type Config, loadConfig } from '../platform/config.ts';
import type { AppContext } from '../platform/context.ts';
import { connect, type Db, type DbHandle } from '../platform/db.ts';
import { AppError } from '../platform/errors.ts';
import { migrate } from '../platform/migrate.ts';
import { PgPubSub } from '../platform/pubsub.ts';
import { defaultSettings } from '../platform/settings.ts';
import { createLogger, openDatabase } from '../runtime.ts';
import {
  activeDemoLogins,
  CREATE_ADMIN_USAGE,
  createAdmin,
  formatDemoLogins,
  parseCreateAdminArgs,
  seedDemo,
} from './index.ts';

/** Opens and migrates the database as `start` does (embedded unless DATABASE_URL), runs `work`, stops it. */
async function withDatabase(
  work: (opened: {
    db: Db;
    log: Logger;
    pool: DbHandle['pool'];
    config: Config;
    sessionUrl: string;
  }) => Promise<void>,
): Promise<void> {
  const config = loadConfig();
  const log = createLogger(config);
  const database = await openDatabase(config, log);
  try {
    await migrate(database.sessionUrl, (msg) => log.info(msg));
    const handle = connect(database.url, { max: 4, applicationName: 'xinren-cli' });
    try {
      await work({ db: handle.db, log, pool: handle.pool, config, sessionUrl: database.sessionUrl });
    } finally {
      await handle.close();
    }
  } finally {
    await database.embedded?.stop();
  }
}

/** Prints the demo logins that still work; nothing when there are none. */
export async function printDemoLogins(db: Db): Promise<void> {
  const logins = await activeDemoLogins(db);
  if (logins.length > 0) console.log(`\n${formatDemoLogins(logins)}\n`);
}

/**
 * `xinren seed`: the demo marketplace, when the database has no users yet, with merchant1's sales
 * history as `start` plays it (XINREN_SEED_HISTORY=off: without).
 */
export async function seedCommand(): Promise<void> {
  await withDatabase(async ({ db, log, config, sessionUrl }) => {
    const pubsub = new PgPubSub(sessionUrl);
    const ctx: AppContext = { db, clock: systemClock, config, log, settings: { ...defaultSettings }, pubsub };
    const { seed, history } = await seedDemo(ctx, {
      history: process.env.XINREN_SEED_HISTORY !== 'off',
      sessionUrl,
    }).finally(() => pubsub.close());
    if (seed.seeded) {
      const c = seed.counts;
      console.log(
        `Seeded the demo marketplace in ${seed.ms} ms: ${c.shops} shops, ${c.products} products, ` +
          `${c.skus} SKUs, ${c.users} accounts, ${c.liveSessions} live sessions, ${c.livePins} pins.`,
      );
      if (history) {
        console.log(
          `Played the demo shops' sales histories in ${history.ms} ms: ${history.orders} orders ` +
            `(${history.shops.map((s) => `${s.owner} ${s.orders}`).join(', ')}), ` +
            `${history.refundRequests} after-sales requests.`,
        );
      }
    } else {
      console.log(
        'The database already has users: nothing seeded (demo data is only added to an empty database).',
      );
    }
    await printDemoLogins(db);
  });
}

/** `xinren create-admin --login X --password Y [--name Z]`: an ops super admin. */
export async function createAdminCommand(args: readonly string[]): Promise<void> {
  let admin: ReturnType<typeof parseCreateAdminArgs>;
  try {
    admin = parseCreateAdminArgs(args);
  } catch (err) {
    console.error(`create-admin: ${(err as Error).message}\nusage: ${CREATE_ADMIN_USAGE}`);
    process.exitCode = 2;
    return;
  }
  await withDatabase(async ({ db }) => {
    try {
      const account = await createAdmin(db, admin);
      console.log(`Created super admin "${account.login}" (id ${account.id}).`);
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      console.error(`create-admin: ${err.message}`);
      process.exitCode = 1;
    }
  });
}
