import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type PostgresPair, startPostgresPair } from '../topology/postgres-pair.ts';

// The primary and streaming replica of the test topology (server/topology/postgres-pair.ts), made
// from the embedded PostgreSQL binaries with the low-level base backup.
let pair: PostgresPair;
beforeAll(async () => {
  pair = await startPostgresPair();
}, 120_000);
afterAll(async () => {
  await pair?.stop();
});

async function query<T>(url: string, text: string, values: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(text, values)).rows as T[];
  } finally {
    await client.end();
  }
}

describe('startPostgresPair', () => {
  it('starts a hot standby that streams from the primary and refuses writes', async () => {
    const [standby] = await query<{ recovery: boolean }>(
      pair.replicaUrl,
      'select pg_is_in_recovery() as recovery',
    );
    expect(standby!.recovery).toBe(true);
    const [primary] = await query<{ recovery: boolean }>(
      pair.primaryUrl,
      'select pg_is_in_recovery() as recovery',
    );
    expect(primary!.recovery).toBe(false);
    const senders = await query<{ state: string; slot: string }>(
      pair.primaryUrl,
      `select r.state, s.slot_name as slot from pg_stat_replication r join pg_replication_slots s on s.active_pid = r.pid`,
    );
    expect(senders).toEqual([{ state: 'streaming', slot: 'xinren_replica' }]);
    await expect(query(pair.replicaUrl, 'create table refused (x int)')).rejects.toThrow(/read-only/);
  });

  it('replays what the primary writes, a new database included', async () => {
    await query(pair.primaryUrl, 'create database pair_test');
    const primaryDb = pair.primaryUrl.replace(/\/postgres$/, '/pair_test');
    const replicaDb = pair.replicaUrl.replace(/\/postgres$/, '/pair_test');
    await query(primaryDb, 'create table t (x int)');
    await query(primaryDb, 'insert into t select generate_series(1, 1000)');
    await pair.waitCaughtUp();
    const [row] = await query<{ n: string }>(replicaDb, 'select count(*) as n from t');
    expect(row!.n).toBe('1000');
  });

  it('a replica stopped at once comes back and catches up on what was written meanwhile (the slot kept it)', async () => {
    await pair.stopReplica();
    await expect(query(pair.replicaUrl, 'select 1')).rejects.toThrow();
    const primaryDb = pair.primaryUrl.replace(/\/postgres$/, '/pair_test');
    await query(primaryDb, 'insert into t select generate_series(1, 500)');
    await pair.startReplica();
    await pair.waitCaughtUp();
    const [row] = await query<{ n: string }>(
      pair.replicaUrl.replace(/\/postgres$/, '/pair_test'),
      'select count(*) as n from t',
    );
    expect(row!.n).toBe('1500');
  });
});
