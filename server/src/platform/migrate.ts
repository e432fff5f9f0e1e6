import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { projectRoot } from './config.ts';

export const migrationsDir = path.join(projectRoot, 'server', 'migrations');

// Any constant: serialises migrations across processes starting at once.
const MIGRATION_LOCK = 7_324_110_001;

/**
 * Applies the plain SQL files of server/migrations in name order, each once, each in a transaction.
 * Run it over a direct connection (DATABASE_SESSION_URL) when DATABASE_URL is PgBouncer; it holds
 * no session state either way: the lock serialising processes that start at once is taken inside
 * each transaction (pg_advisory_xact_lock), and a file another process applied meanwhile is skipped,
 * so nothing is left locked when a connection goes back to a pooler.
 */
export async function migrate(url: string, log: (msg: string) => void = () => {}): Promise<string[]> {
  const client = new pg.Client({ connectionString: url, application_name: 'xinren-migrate' });
  await client.connect();
  const applied: string[] = [];
  const inLockedTransaction = async <T>(work: () => Promise<T>): Promise<T> => {
    await client.query('begin');
    try {
      await client.query('select pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
      const result = await work();
      await client.query('commit');
      return result;
    } catch (err) {
      await client.query('rollback').catch(() => {});
      throw err;
    }
  };
  try {
    const done = await inLockedTransaction(async () => {
      await client.query(
        'create table if not exists schema_migrations (name text primary key, applied_at timestamptz not null default now())',
      );
      const rows = (await client.query('select name from schema_migrations')).rows;
      return new Set(rows.map((r) => r.name as string));
    });
    const files = fs
      .readdirSync(migrationsDir)
      .filter((f) => f.endsWith('.sql'))
      .sort();
    for (const file of files) {
      if (done.has(file)) continue;
      const text = fs.readFileSync(path.join(migrationsDir, file), 'utf8');
      const ran = await inLockedTransaction(async () => {
        // another process may have applied it while this one waited for the lock
        const already = await client.query('select 1 from schema_migrations where name = $1', [file]);
        if (already.rowCount !== 0) return false;
        try {
          await client.query(text);
        } catch (err) {
          throw new Error(`migration ${file} failed: ${(err as Error).message}`);
        }
        await client.query('insert into schema_migrations (name) values ($1)', [file]);
        return true;
      });
      if (!ran) continue;
      applied.push(file);
      log(`applied migration ${file}`);
    }
  } finally {
    await client.end();
  }
  return applied;
}
