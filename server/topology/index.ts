import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ensureDatabase } from '../src/platform/db.ts';
import { migrate } from '../src/platform/migrate.ts';
import {
  type AppCommand,
  type ProcessHandle,
  serverDir,
  startAppProcess,
  xinrenArgs,
} from './app-process.ts';
import { own, reapStale } from './cleanup.ts';
import { spawnManaged } from './managed-process.ts';
import { freePort } from './ports.ts';
import { type PostgresPair, startPostgresPair } from './postgres-pair.ts';
import {
  type Haproxy,
  type NatsServer,
  type PgBouncer,
  startHaproxy,
  startNatsServer,
  startPgBouncer,
} from './services.ts';

export type { ProcessHandle } from './app-process.ts';
export { missingBinaries } from './services.ts';

/**
 * The scale-out topology on one machine: a PostgreSQL primary (+ a streaming replica), PgBouncer in
 * transaction mode, our own NATS JetStream server, N `api` and M `worker` processes of the real
 * server, and HAProxy in front of the api processes. Everything runs in one temporary folder and is
 * stopped by `stop()` (or, should this process exit first, killed on exit).
 */
export interface TopologyOptions {
  apis: number;
  workers: number;
  nats: boolean;
  /**
   * With `nats`: use this running NATS (JetStream on) instead of starting our own nats-server, for a
   * machine without the binary; killNats/startNats then refuse (it is not ours to stop).
   */
  externalNatsUrl?: string;
  replica: boolean;
  pgbouncer: boolean;
  /** The demo marketplace (`xinren seed`) before the processes start; else an empty migrated database. */
  seed?: boolean;
  /** tsx (default) or the built bundle server/dist/cli.mjs (benchmarks). */
  command?: AppCommand;
  /** Extra environment of every app process (and of the seed). */
  env?: Record<string, string>;
  /** Parent folder of everything (default: a new temporary folder, removed by stop()). */
  dir?: string;
  /** HAProxy's port (default: a free one). */
  port?: number;
  /** Progress lines (default: none). */
  log?: (line: string) => void;
}

export interface Topology {
  /** HAProxy's front: http://127.0.0.1:<port>. */
  url: string;
  apis: ProcessHandle[];
  workers: ProcessHandle[];
  /** The primary's `xinren` database, direct. */
  primaryUrl: string;
  replicaUrl?: string;
  bouncerUrl?: string;
  natsUrl?: string;
  /** What the app processes got as DATABASE_URL (PgBouncer when on, else the primary). */
  databaseUrl: string;
  /** Milliseconds per startup phase, and in all. */
  timings: Record<string, number>;
  killReplica(): Promise<void>;
  startReplica(): Promise<void>;
  /** Waits until the replica has replayed everything written to the primary so far. */
  waitReplicaCaughtUp(timeoutMs?: number): Promise<void>;
  killNats(): Promise<void>;
  startNats(): Promise<void>;
  stop(): Promise<void>;
}

export const DATABASE = 'xinren';

/** The environment of every app process (the caller's `env` last: it may override any of these). */
export function appEnvironment(o: {
  databaseUrl: string;
  sessionUrl: string;
  readUrl?: string;
  natsUrl?: string;
  dataDir: string;
  env?: Record<string, string>;
}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: o.databaseUrl,
    DATABASE_SESSION_URL: o.sessionUrl,
    XINREN_DATA_DIR: o.dataDir,
    HOST: '127.0.0.1',
    XINREN_TRUST_PROXY: '127.0.0.1',
    XINREN_SEED: 'off',
    XINREN_WEBHOOKS_PRIVATE_NETWORKS: 'allow',
    XINREN_WEB_DIR: 'off',
    XINREN_LOG_FORMAT: 'json',
    LOG_LEVEL: 'warn',
  };
  // A caller's own settings for these must not leak into a process of the topology
  delete env.DATABASE_READ_URL;
  delete env.NATS_URL;
  delete env.XINREN_ROLE;
  delete env.PORT;
  if (o.readUrl) env.DATABASE_READ_URL = o.readUrl;
  if (o.natsUrl) env.NATS_URL = o.natsUrl;
  return { ...env, ...o.env };
}

function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

export async function startTopology(opts: TopologyOptions): Promise<Topology> {
  const log = opts.log ?? (() => {});
  const started = Date.now();
  const timings: Record<string, number> = {};
  const phase = async <T>(name: string, work: () => Promise<T>): Promise<T> => {
    const t0 = Date.now();
    const result = await work();
    timings[name] = Date.now() - t0;
    log(`${name}: ${timings[name]} ms`);
    return result;
  };
  const ownDir = opts.dir === undefined;
  reapStale();
  const dir = opts.dir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'xinren-topology-'));
  const releaseDir = ownDir ? own({ kind: 'dir', path: dir }) : () => {};
  fs.mkdirSync(dir, { recursive: true });
  fs.chmodSync(dir, 0o755);
  const command = opts.command ?? 'tsx';

  let pair: PostgresPair | undefined;
  let nats: NatsServer | undefined;
  let bouncer: PgBouncer | undefined;
  let haproxy: Haproxy | undefined;
  const apis: ProcessHandle[] = [];
  const workers: ProcessHandle[] = [];
  let stopping: Promise<void> | undefined;

  const stop = () => {
    stopping ??= (async () => {
      await haproxy?.stop().catch(() => {});
      await Promise.all([...apis, ...workers].map((p) => p.kill('SIGTERM').catch(() => {})));
      await nats?.stop().catch(() => {});
      await bouncer?.stop().catch(() => {});
      await pair?.stop().catch(() => {});
      if (ownDir) fs.rmSync(dir, { recursive: true, force: true });
      releaseDir();
    })();
    return stopping;
  };

  try {
    // The databases and NATS at once: nothing depends on NATS until the app processes start.
    const natsStarting =
      !opts.nats || opts.externalNatsUrl
        ? Promise.resolve()
        : phase('nats', () => startNatsServer({ dir })).then((n) => {
            nats = n;
          });
    // a failure surfaces when awaited below; never as an unhandled rejection meanwhile
    natsStarting.catch(() => {});
    pair = await phase('postgres', () =>
      startPostgresPair({ dir: path.join(dir, 'pg'), ...(opts.replica ? {} : { replica: false }) }),
    );
    const primaryUrl = await ensureDatabase(pair.primaryUrl, DATABASE);
    if (opts.pgbouncer) {
      bouncer = await phase('pgbouncer', () =>
        startPgBouncer({ dir, upstreamUrl: pair!.primaryUrl, database: DATABASE }),
      );
    }

    // Migrations (and the demo seed) once, before any app process: they then all start at once.
    if (opts.seed) {
      await phase('seed', async () => {
        const seed = spawnManaged(process.execPath, xinrenArgs(command, ['seed']), {
          cwd: serverDir,
          env: appEnvironment({
            databaseUrl: primaryUrl,
            sessionUrl: primaryUrl,
            dataDir: dataDir(dir),
            env: opts.env,
          }),
          name: 'seed',
        });
        const code = await seed.exited;
        if (code !== 0) throw new Error(`xinren seed failed (${code}):\n${seed.output()}`);
      });
    } else {
      await phase('migrate', () => migrate(primaryUrl));
    }
    await natsStarting;

    const env = appEnvironment({
      databaseUrl: bouncer ? bouncer.url : primaryUrl,
      sessionUrl: primaryUrl,
      ...(opts.replica ? { readUrl: withDatabase(pair.replicaUrl, DATABASE) } : {}),
      ...(opts.nats ? { natsUrl: nats?.url ?? opts.externalNatsUrl } : {}),
      dataDir: dataDir(dir),
      // on a NATS others use too, this topology's subjects are its own
      env: opts.externalNatsUrl
        ? { NATS_SUBJECT_PREFIX: `xtopo${path.basename(dir).replace(/\W/g, '')}`, ...opts.env }
        : opts.env,
    });
    await phase('processes', async () => {
      const specs = [
        ...Array.from({ length: opts.workers }, (_, i) => ({
          name: `worker-${i + 1}`,
          role: 'worker' as const,
        })),
        ...Array.from({ length: opts.apis }, (_, i) => ({ name: `api-${i + 1}`, role: 'api' as const })),
      ];
      const ports = await Promise.all(specs.map(() => freePort()));
      const results = await Promise.allSettled(
        specs.map(async (spec, i) => {
          const handle = await startAppProcess({ ...spec, port: ports[i]!, env, command });
          (spec.role === 'api' ? apis : workers).push(handle);
        }),
      );
      const failed = results.find((r) => r.status === 'rejected');
      if (failed) throw (failed as PromiseRejectedResult).reason;
      const byName = (a: ProcessHandle, b: ProcessHandle) =>
        a.name.localeCompare(b.name, 'en', { numeric: true });
      apis.sort(byName);
      workers.sort(byName);
    });
    if (apis.length > 0) {
      haproxy = await phase('haproxy', () =>
        startHaproxy({
          dir,
          backends: apis.map((a) => ({ name: a.name, port: a.port })),
          ...(opts.port ? { port: opts.port } : {}),
        }),
      );
    }
    timings.total = Date.now() - started;

    const p = pair;
    return {
      url: haproxy?.url ?? apis[0]?.url ?? '',
      apis,
      workers,
      primaryUrl,
      ...(opts.replica ? { replicaUrl: withDatabase(p.replicaUrl, DATABASE) } : {}),
      ...(bouncer ? { bouncerUrl: bouncer.url } : {}),
      ...(opts.nats ? { natsUrl: nats?.url ?? opts.externalNatsUrl } : {}),
      databaseUrl: bouncer ? bouncer.url : primaryUrl,
      timings,
      killReplica: () => p.stopReplica(),
      startReplica: () => p.startReplica(),
      waitReplicaCaughtUp: (timeoutMs) => p.waitCaughtUp(timeoutMs),
      async killNats() {
        if (!nats) throw new Error('this topology runs no NATS server of its own to kill');
        await nats.kill();
      },
      async startNats() {
        if (!nats) throw new Error('this topology runs no NATS server of its own to start');
        await nats.start();
      },
      stop,
    };
  } catch (err) {
    await stop();
    throw err;
  }
}

/** Uploads and other files of the app processes: one folder all of them share. */
function dataDir(dir: string): string {
  const data = path.join(dir, 'data');
  fs.mkdirSync(data, { recursive: true });
  return data;
}
