import pg from 'pg';

/**
 * Runs `work` while holding the session advisory lock `key`, taken on a connection of its own to
 * `sessionUrl` (DATABASE_SESSION_URL, else DATABASE_URL). Not on a pool connection: behind PgBouncer
 * in transaction mode the server session under a pool client changes between statements, so a
 * session lock taken there would be released by nobody (and held by whichever client gets that
 * server connection next).
 */
export async function withSessionLock<T>(
  sessionUrl: string,
  key: number,
  work: () => Promise<T>,
): Promise<T> {
  const client = new pg.Client({ connectionString: sessionUrl, application_name: 'xinren-lock' });
  client.on('error', () => {});
  await client.connect();
  try {
    await client.query('select pg_advisory_lock($1)', [key]);
    try {
      return await work();
    } finally {
      await client.query('select pg_advisory_unlock($1)', [key]).catch(() => {});
    }
  } finally {
    // closing the session releases the lock even when the unlock failed
    await client.end().catch(() => {});
  }
}
