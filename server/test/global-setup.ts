import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { startEmbeddedPostgres } from '../src/platform/embedded-postgres.ts';
import { migrate } from '../src/platform/migrate.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    pgAdminUrl: string;
    templateDb: string;
  }
}

const silent = { info: () => {}, warn: (...args: unknown[]) => console.warn(...args) };

/**
 * One PostgreSQL for the whole run: DATABASE_URL's server when set, else an embedded one in a
 * temporary folder. Migrations run once into a template; every test file clones it (see harness.ts).
 */
export default async function setup(project: TestProject) {
  let adminUrl: string;
  let stopEmbedded: (() => Promise<void>) | undefined;
  let tmp: string | undefined;
  if (process.env.DATABASE_URL) {
    adminUrl = process.env.DATABASE_URL;
  } else {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'xinren-test-'));
    fs.chmodSync(tmp, 0o755);
    const port = 20_000 + Math.floor(Math.random() * 20_000);
    const embedded = await startEmbeddedPostgres({ dataDir: tmp, port, logger: silent });
    adminUrl = embedded.url;
    stopEmbedded = () => embedded.stop();
  }

  const templateDb = `xinren_template_${process.pid}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`drop database if exists ${templateDb}`);
  await admin.query(`create database ${templateDb}`);
  const templateUrl = new URL(adminUrl);
  templateUrl.pathname = `/${templateDb}`;
  await migrate(templateUrl.toString());
  await admin.end();

  project.provide('pgAdminUrl', adminUrl);
  project.provide('templateDb', templateDb);

  return async () => {
    const client = new pg.Client({ connectionString: adminUrl });
    await client.connect();
    const dbs = await client.query(
      `select datname from pg_database where datname like 'xt\\_%' or datname = $1`,
      [templateDb],
    );
    for (const row of dbs.rows) await client.query(`drop database if exists "${row.datname}" with (force)`);
    await client.end();
    await stopEmbedded?.();
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
  };
}
