import { sql } from 'kysely';
import pg from 'pg';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.ts';
import { currentPolicy } from '../src/modules/configuration/index.ts';
import { ManualClock } from '../src/platform/clock.ts';
import { loadConfig } from '../src/platform/config.ts';
import type { AppContext } from '../src/platform/context.ts';
import { connect, type DbHandle, ensureDatabase } from '../src/platform/db.ts';
import type { App } from '../src/platform/http.ts';
import { parseLsn } from '../src/platform/lsn.ts';
import { migrate } from '../src/platform/migrate.ts';
import { PgPubSub } from '../src/platform/pubsub.ts';
import {
  COMMIT_LSN_HEADER,
  READ_AFTER_HEADER,
  ReadReplica,
  readReplicaRouted,
} from '../src/platform/read-replica.ts';
import { defaultSettings } from '../src/platform/settings.ts';
import { type PostgresPair, startPostgresPair } from '../topology/postgres-pair.ts';
import { buildListedProduct, buildShop, type TestUser } from './builders.ts';
import { api, type TestContext } from './harness.ts';

// A real primary and streaming replica (server/topology/postgres-pair.ts) under one app with
// DATABASE_READ_URL's routing, and a second app over the same primary without a replica.
const V = '/api/v1';
let pair: PostgresPair;
let handle: DbHandle;
let pubsub: PgPubSub;
let replica: ReadReplica;
let app: App;
let plainApp: App;
let ctx: AppContext;
let replicaUrl: string;
let owner: TestUser;
let shopId: number;

/** Runs `text` on the replica's copy of the test database (its own connection, not the app's). */
async function onReplica<T extends pg.QueryResultRow>(text: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: replicaUrl });
  await client.connect();
  try {
    return (await client.query<T>(text)).rows;
  } finally {
    await client.end();
  }
}

beforeAll(async () => {
  pair = await startPostgresPair();
  const primaryUrl = await ensureDatabase(pair.primaryUrl, 'xinren');
  const url = new URL(pair.replicaUrl);
  url.pathname = '/xinren';
  replicaUrl = url.toString();
  await migrate(primaryUrl);
  handle = connect(primaryUrl, { max: 10 });
  pubsub = new PgPubSub(handle.pool);
  // the first read of the platform policy writes its first version: done here on the primary, so
  // the replica's reads below write nothing (one that did would be answered by the primary)
  await currentPolicy(handle.db);
  await pair.waitCaughtUp();
  // short pauses so the test sees a dead replica left alone and probed again quickly
  replica = new ReadReplica(replicaUrl, handle.db, handle.pool, { retryAfterMs: 300, refreshMs: 200 });
  await replica.start();
  const config = {
    ...loadConfig({}),
    databaseUrl: primaryUrl,
    databaseReadUrl: replicaUrl,
    webDir: undefined,
  };
  const clock = new ManualClock();
  const log = pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' });
  ctx = { db: handle.db, clock, config, log, settings: { ...defaultSettings }, pubsub, replica };
  app = await buildApp(ctx);
  await app.ready();
  plainApp = await buildApp({
    ...ctx,
    config: { ...config, databaseReadUrl: undefined },
    replica: undefined,
  });
  await plainApp.ready();
  const built = { ...ctx, clock } as unknown as TestContext;
  const shop = await buildShop(built);
  ({ owner, shopId } = shop);
}, 180_000);

afterAll(async () => {
  await app?.close();
  await plainApp?.close();
  await replica?.close();
  await pubsub?.close();
  await handle?.close();
  await pair?.stop();
});

/** xinren_read_replica_routed_total{to} */
async function routed(to: string): Promise<number> {
  return (await readReplicaRouted.get()).values.find((v) => v.labels.to === to)?.value ?? 0;
}

const productUrl = (productId: number) => `${V}/shops/${shopId}/products/${productId}`;

describe('read-your-writes against a streaming replica whose replay is paused', () => {
  it('the writer reads its edit (the primary answers its Read-After); a reader without one sees the replica', async () => {
    const { productId } = await buildListedProduct({ db: handle.db } as unknown as TestContext, shopId, {
      title: '旧标题-纯棉T恤',
    });
    await pair.waitCaughtUp();
    await replica.probe();
    const client = api(app, owner.token);
    expect((await client.get(productUrl(productId))).body.title).toBe('旧标题-纯棉T恤');

    await onReplica('select pg_wal_replay_pause()');
    try {
      const edited = await client.patch(productUrl(productId), { title: '新标题-纯棉T恤' });
      expect(edited.status, JSON.stringify(edited.body)).toBe(200);
      const lsn = edited.headers[COMMIT_LSN_HEADER];
      expect(typeof lsn === 'string' && parseLsn(lsn) !== undefined, String(lsn)).toBe(true);

      // the writer sends the position back: the replica has not replayed it, the primary answers
      const behind = await routed('primary_behind');
      const started = Date.now();
      const fresh = await client.get(productUrl(productId), { [READ_AFTER_HEADER]: lsn as string });
      expect(fresh.status).toBe(200);
      expect(fresh.body.title).toBe('新标题-纯棉T恤');
      // it waited for the replica at most ~100 ms before reading the primary
      expect(Date.now() - started).toBeLessThan(1_000);
      expect(await routed('primary_behind')).toBe(behind + 1);

      // without the header the read goes to the replica, which still shows the old row
      const stale = await client.get(productUrl(productId));
      expect(stale.status).toBe(200);
      expect(stale.body.title).toBe('旧标题-纯棉T恤');

      // a Read-After the replica has passed already is served by the replica
      const old = await client.get(productUrl(productId), {
        [READ_AFTER_HEADER]: `0/${(1).toString(16)}`,
      });
      expect(old.body.title).toBe('旧标题-纯棉T恤');

      // a malformed Read-After cannot be honoured by the replica: the primary answers
      const junk = await client.get(productUrl(productId), { [READ_AFTER_HEADER]: 'yesterday' });
      expect(junk.body.title).toBe('新标题-纯棉T恤');
    } finally {
      await onReplica('select pg_wal_replay_resume()');
    }

    // replay resumed: the replica catches up and a read with the writer's position reads it there
    await pair.waitCaughtUp();
    const after = await client.get(productUrl(productId));
    expect(after.body.title).toBe('新标题-纯棉T恤');
  });

  it('the merchant dashboard, the storefront and search answer from the replica (200)', async () => {
    const client = api(app, owner.token);
    const failovers = replica.state.failovers;
    for (const url of [
      `${V}/shops/${shopId}/dashboard`,
      `${V}/shops/${shopId}/dashboard/feedback`,
      `${V}/shops/${shopId}/storefront`,
      `${V}/shops/${shopId}/products`,
      `${V}/products?shopId=${shopId}`,
      `${V}/me/live/sessions`,
      `${V}/me/following/live`,
      `${V}/shop-reputations?ids=${shopId}`,
    ]) {
      const res = await client.get(url);
      expect(res.status, `${url}: ${JSON.stringify(res.body)}`).toBe(200);
    }
    // none of them wrote or failed on the replica (that would have been answered by the primary)
    expect(replica.state.failovers).toBe(failovers);
  });

  it('every replica connection busy for the connect timeout: the read goes to the primary, the replica stays in use', async () => {
    const small = new ReadReplica(replicaUrl, handle.db, handle.pool, { max: 1 });
    try {
      await small.start();
      const standby = sql<{ standby: boolean }>`select pg_is_in_recovery() as standby`;
      const holding = sql<{ standby: boolean }>`
        select pg_is_in_recovery() as standby from pg_sleep(1.5)`.execute(small.db);
      await new Promise((r) => setTimeout(r, 100));
      // waits 1 s for the one connection, then the primary answers
      expect((await standby.execute(small.db)).rows[0]!.standby).toBe(false);
      expect((await holding).rows[0]!.standby).toBe(true);
      expect(small.state.usable).toBe(true);
      expect((await standby.execute(small.db)).rows[0]!.standby).toBe(true);
    } finally {
      await small.close();
    }
  });

  it('a replica whose replay is stuck serves no reads once it misses what the primary had maxLagMs ago', async () => {
    const strict = new ReadReplica(replicaUrl, handle.db, handle.pool, { refreshMs: 100, maxLagMs: 300 });
    try {
      await pair.waitCaughtUp();
      await strict.start();
      expect(await strict.dbFor(undefined)).toBe(strict.db);
      await onReplica('select pg_wal_replay_pause()');
      try {
        await buildListedProduct({ db: handle.db } as unknown as TestContext, shopId);
        // within ~300 ms + two probes the replica counts as lagging: reads without a header go to the primary
        const deadline = Date.now() + 3_000;
        while ((await strict.dbFor(undefined)) !== handle.db && Date.now() < deadline)
          await new Promise((r) => setTimeout(r, 50));
        expect(await strict.dbFor(undefined)).toBe(handle.db);
        expect(strict.state.usable).toBe(true);
      } finally {
        await onReplica('select pg_wal_replay_resume()');
      }
      await pair.waitCaughtUp();
      await new Promise((r) => setTimeout(r, 300));
      expect(await strict.dbFor(undefined)).toBe(strict.db);
    } finally {
      await strict.close();
    }
  });

  it('reads of the replica come from the replica (a standby), unless it lags behind the Read-After', async () => {
    const standby = async (readAfter?: string) => {
      const db = await replica.dbFor(readAfter);
      const { rows } = await sql<{ standby: boolean }>`select pg_is_in_recovery() as standby`.execute(db);
      return rows[0]!.standby;
    };
    expect(await standby()).toBe(true);
    expect(await standby('FFFFFFFF/0')).toBe(false);
  });
});

describe('the default path (no DATABASE_READ_URL)', () => {
  it('answers writes without a commit LSN', async () => {
    const { productId } = await buildListedProduct({ db: handle.db } as unknown as TestContext, shopId);
    const res = await api(plainApp, owner.token).patch(productUrl(productId), { title: '无副本的编辑' });
    expect(res.status).toBe(200);
    expect(res.headers[COMMIT_LSN_HEADER]).toBeUndefined();
    const read = await api(plainApp, owner.token).get(productUrl(productId));
    expect(read.body.title).toBe('无副本的编辑');
  });
});

describe('the replica going away', () => {
  it('a query in flight on the replica when it dies is answered by the primary; later reads go to the primary, then back', async () => {
    await pair.waitCaughtUp();
    await replica.probe();
    expect(replica.state.usable).toBe(true);
    // a slow read on the replica, interrupted by the replica's crash
    const inFlight = sql<{ standby: boolean }>`
      select pg_is_in_recovery() as standby from pg_sleep(1.5)`.execute(replica.db);
    await new Promise((resolve) => setTimeout(resolve, 300));
    const failovers = replica.state.failovers;
    await pair.stopReplica();
    const answered = await inFlight;
    expect(replica.state.failovers).toBe(failovers + 1);
    // the primary re-ran it (not a standby)
    expect(answered.rows[0]!.standby).toBe(false);
    expect(replica.state.usable).toBe(false);

    // every read-only route answers 200 from the primary meanwhile, the writer's edit included
    const client = api(app, owner.token);
    const { productId } = await buildListedProduct({ db: handle.db } as unknown as TestContext, shopId);
    const edited = await client.patch(productUrl(productId), { title: '副本停机时的编辑' });
    expect(edited.status).toBe(200);
    const variants: Record<string, string>[] = [
      {},
      { [READ_AFTER_HEADER]: edited.headers[COMMIT_LSN_HEADER] as string },
    ];
    for (const headers of variants) {
      const started = Date.now();
      const res = await client.get(productUrl(productId), headers);
      expect(res.status).toBe(200);
      expect(res.body.title).toBe('副本停机时的编辑');
      // straight to the primary: no wait for a replica that is down
      expect(Date.now() - started).toBeLessThan(500);
    }
    expect((await client.get(`${V}/shops/${shopId}/dashboard`)).status).toBe(200);

    // back: the next probe after the pause finds it and reads return to the replica
    await pair.startReplica();
    await pair.waitCaughtUp();
    const deadline = Date.now() + 5_000;
    while (!replica.state.usable && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    expect(replica.state.usable).toBe(true);
    const { rows } = await sql<{ standby: boolean }>`select pg_is_in_recovery() as standby`.execute(
      await replica.dbFor(undefined),
    );
    expect(rows[0]!.standby).toBe(true);
  });

  it('a replica killed while idle: the first reads after it answer 200 from the primary at once', async () => {
    expect(replica.state.usable).toBe(true);
    await pair.stopReplica();
    const client = api(app, owner.token);
    const started = Date.now();
    for (let i = 0; i < 5; i++) {
      expect((await client.get(`${V}/shops/${shopId}/products`)).status).toBe(200);
      expect((await client.get(`${V}/shops/${shopId}/storefront`)).status).toBe(200);
    }
    expect(Date.now() - started).toBeLessThan(3_000);
    expect(replica.state.usable).toBe(false);
  });
});
