import type { Logger } from 'pino';
import { systemClock } from '../platform/clock.ts';
import { loadConfig } from '../platform/config.ts';
import { connect, type Db } from '../platform/db.ts';
import { AppError } from '../platform/errors.ts';
import { migrate } from '../platform/migrate.ts';
import { createLogger, openDatabase } from '../runtime.ts';
import {
  activeDemoLogins,
  CREATE_ADMIN_USAGE,
  createAdmin,
  formatDemoLogins,
  parseCreateAdminArgs,
  seedIfEmpty,
} from './index.ts';

/** Opens and migrates the database as `start` does (embedded unless DATABASE_URL), runs `work`, stops it. */
async function withDatabase(work: (db: Db, log: Logger) => Promise<void>): Promise<void> {
  const config = loadConfig();
  const log = createLogger(config);
  const database = await openDatabase(config, log);
  try {
    await migrate(database.url, (msg) => log.info(msg));
    const handle = connect(database.url, { max: 4, applicationName: 'xinren-cli' });
    try {
      await work(handle.db, log);
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

/** `xinren seed`: the demo marketplace, when the database has no users yet. */
export async function seedCommand(): Promise<void> {
  await withDatabase(async (db, log) => {
    const result = await seedIfEmpty(db, systemClock, log);
    if (result.seeded) {
      const c = result.counts;
      console.log(
        `Seeded the demo marketplace in ${result.ms} ms: ${c.shops} shops, ${c.products} products, ` +
          `${c.skus} SKUs, ${c.users} accounts, ${c.liveSessions} live sessions, ${c.livePins} pins.`,
      );
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
  await withDatabase(async (db) => {
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
