import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { ensureDatabase } from './db.ts';
import { startEmbeddedPostgres } from './embedded-postgres.ts';
import { migrate } from './migrate.ts';

/**
 * A migrated database of a tool's own (`xinren_<name>_<pid>`; the benchmarks and the marketplace
 * simulator): on the server of `DATABASE_URL` when it is set, else on an embedded PostgreSQL in a
 * temporary folder. Each step of taking it down again is pushed on `cleanups`, to be run in reverse order.
 * @returns the database's connection string.
 */
export async function scratchDatabase(
  name: string,
  cleanups: Array<() => Promise<void>>,
  log: (line: string) => void = () => {},
): Promise<string> {
  let adminUrl = process.env.DATABASE_URL;
  if (!adminUrl) {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), `xinren-${name.replaceAll('_', '-')}-`));
    fs.chmodSync(tmp, 0o755);
    cleanups.push(async () => fs.rmSync(tmp, { recursive: true, force: true }));
    const port = 20_000 + Math.floor(Math.random() * 20_000);
    const embedded = await startEmbeddedPostgres({
      dataDir: tmp,
      port,
      logger: { info: () => {}, warn: (...args: unknown[]) => console.warn(...args) },
    });
    cleanups.push(() => embedded.stop());
    adminUrl = embedded.url;
    log(`embedded PostgreSQL on port ${port}`);
  }
  const server = adminUrl;
  const dbName = `xinren_${name}_${process.pid}`;
  const url = await ensureDatabase(server, dbName);
  cleanups.push(async () => {
    const admin = new pg.Client({ connectionString: server });
    await admin.connect();
    await admin.query(`drop database if exists ${dbName} with (force)`);
    await admin.end();
  });
  await migrate(url);
  return url;
}
