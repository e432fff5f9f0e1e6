import type { AddressInfo } from 'node:net';
import pg from 'pg';
import pino from 'pino';
import { buildApp } from '../src/app.ts';
import { deadlineHandlers } from '../src/deadlines.ts';
import { hashPassword, issueToken } from '../src/modules/identity/index.ts';
import { ManualClock } from '../src/platform/clock.ts';
import { loadConfig } from '../src/platform/config.ts';
import type { AppContext } from '../src/platform/context.ts';
import { connect, type Db, type DbHandle } from '../src/platform/db.ts';
import type { App } from '../src/platform/http.ts';
import { PgPubSub } from '../src/platform/pubsub.ts';
import { DeadlineRunner } from '../src/platform/scheduler/index.ts';
import { scratchDatabase } from '../src/platform/scratch-database.ts';
import { defaultSettings } from '../src/platform/settings.ts';

/** The simulated marketplace's machinery: its database, the app listening on a free port, the clock. */
export interface World {
  db: Db;
  app: App;
  clock: ManualClock;
  deadlines: DeadlineRunner;
  /** http://127.0.0.1:<port>/api/v1 */
  baseUrl: string;
  close(): Promise<void>;
}

/**
 * A migrated database of the simulator's own (`xinren_sim_<pid>`): on the server of DATABASE_URL when
 * it is set, else on an embedded PostgreSQL in a temporary folder. Cleanups run in reverse order.
 */
export async function simulatorDatabase(cleanups: Array<() => Promise<void>>): Promise<string> {
  const url = await scratchDatabase('sim', cleanups);
  await fastCommits(url);
  return url;
}

/**
 * The simulator's own database commits without waiting for the disk (synchronous_commit off): a run is
 * thrown away at the end, and every request of an agent is a transaction.
 */
export async function fastCommits(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const name = (await client.query('select current_database() as name')).rows[0].name as string;
    await client.query(`alter database "${name}" set synchronous_commit = off`);
  } finally {
    await client.end();
  }
}

/** The app built in-process on `dbUrl` with a manual clock at `start`, listening on 127.0.0.1. */
export async function openWorld(dbUrl: string, start: Date): Promise<World> {
  const handle: DbHandle = connect(dbUrl, { max: 8, applicationName: 'xinren-sim' });
  const clock = new ManualClock(start);
  const log = pino({ level: process.env.SIM_LOG_LEVEL ?? 'silent' });
  const config = { ...loadConfig({}), databaseUrl: dbUrl, webDir: undefined };
  const pubsub = new PgPubSub(handle.pool);
  const ctx: AppContext = { db: handle.db, clock, config, log, settings: { ...defaultSettings }, pubsub };
  const app = await buildApp(ctx);
  await app.listen({ host: '127.0.0.1', port: 0 });
  const { port } = app.server.address() as AddressInfo;
  const deadlines = new DeadlineRunner({ db: handle.db, clock, handlers: deadlineHandlers(ctx), log });
  return {
    db: handle.db,
    app,
    clock,
    deadlines,
    baseUrl: `http://127.0.0.1:${port}/api/v1`,
    close: async () => {
      await app.close();
      await pubsub.close();
      await handle.close();
    },
  };
}

let passwordHash: Promise<string> | undefined;

/** An account inserted directly (world setup), signed in with a token the clock accepts for 30 days. */
export async function createAccount(
  world: World,
  kind: 'buyer' | 'merchant' | 'ops',
  login: string,
  opts: { createdAt?: Date; phone?: string | null } = {},
): Promise<{ id: number; token: string }> {
  passwordHash ??= hashPassword('sim-password-123');
  const user = await world.db
    .insertInto('users')
    .values({
      kind,
      login,
      displayName: login,
      phone: opts.phone ?? null,
      passwordHash: await passwordHash,
      ...(opts.createdAt ? { createdAt: opts.createdAt } : {}),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  if (kind === 'ops')
    await world.db.insertInto('opsRoles').values({ userId: user.id, role: 'super_admin' }).execute();
  const session = await issueToken(world.db, world.clock, user.id);
  return { id: user.id, token: session.token };
}

/** A fresh token for `userId` (tokens live 30 days; a long run renews them). */
export async function renewToken(world: World, userId: number): Promise<string> {
  return (await issueToken(world.db, world.clock, userId)).token;
}
