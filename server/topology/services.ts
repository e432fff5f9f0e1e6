import fs from 'node:fs';
import path from 'node:path';
import { ensurePostgresUser } from '../src/platform/embedded-postgres.ts';
import { executable, type ManagedProcess, spawnManaged } from './managed-process.ts';
import { freePort, listening, waitFor } from './ports.ts';

/** The Debian packages' binaries the topology runs (CI installs them; see .github/workflows). */
export const BINARIES = {
  nats: process.env.XINREN_NATS_SERVER_BIN ?? '/usr/sbin/nats-server',
  pgbouncer: process.env.XINREN_PGBOUNCER_BIN ?? '/usr/sbin/pgbouncer',
  haproxy: process.env.XINREN_HAPROXY_BIN ?? '/usr/sbin/haproxy',
} as const;

/** Which of the binaries are missing (empty: all there). */
export function missingBinaries(which: (keyof typeof BINARIES)[]): string[] {
  return which.filter((name) => !executable(BINARIES[name])).map((name) => BINARIES[name]);
}

// ---------------------------------------------------------------- NATS

export interface NatsServer {
  url: string;
  port: number;
  running(): boolean;
  /** SIGKILL: an outage, not a shutdown. */
  kill(): Promise<void>;
  /** Starts it again on the same port and JetStream store (streams and consumers survive). */
  start(): Promise<void>;
  stop(): Promise<void>;
}

/** Our own nats-server with JetStream on a free port (never the machine's one at 4222). */
export async function startNatsServer(options: { dir: string; port?: number }): Promise<NatsServer> {
  const port = options.port ?? (await freePort());
  const storeDir = path.join(options.dir, 'nats');
  fs.mkdirSync(storeDir, { recursive: true });
  let proc: ManagedProcess | undefined;
  const launch = async () => {
    proc = spawnManaged(
      BINARIES.nats,
      ['-js', '-sd', storeDir, '-a', '127.0.0.1', '-p', String(port), '-n', `xinren-topology-${port}`],
      { name: 'nats-server' },
    );
    const current = proc;
    await waitFor(
      async () => {
        if (!current.running()) throw new Error(`nats-server exited:\n${current.output()}`);
        // JetStream is ready once the server logs it (the port opens a little earlier)
        return (await listening(port)) && /Server is ready/.test(current.output());
      },
      `nats-server did not start on port ${port}`,
      20_000,
      50,
    );
  };
  await launch();
  return {
    url: `nats://127.0.0.1:${port}`,
    port,
    running: () => proc?.running() ?? false,
    async kill() {
      await proc?.stop('SIGKILL');
    },
    async start() {
      if (proc?.running()) return;
      await launch();
    },
    async stop() {
      await proc?.stop('SIGTERM', 5_000);
    },
  };
}

// ---------------------------------------------------------------- PgBouncer

export interface PgBouncer {
  /** `postgres://…@127.0.0.1:<port>/<database>` through the pooler. */
  url: string;
  port: number;
  process: ManagedProcess;
  stop(): Promise<void>;
}

/** The lines of pgbouncer.ini: transaction pooling of one database to the primary. */
export function pgbouncerIni(o: {
  database: string;
  upstreamPort: number;
  port: number;
  authFile: string;
  poolSize: number;
}): string {
  return [
    '[databases]',
    `${o.database} = host=127.0.0.1 port=${o.upstreamPort} dbname=${o.database}`,
    '',
    '[pgbouncer]',
    'listen_addr = 127.0.0.1',
    `listen_port = ${o.port}`,
    'unix_socket_dir =',
    'auth_type = scram-sha-256',
    `auth_file = ${o.authFile}`,
    'pool_mode = transaction',
    'max_client_conn = 2000',
    `default_pool_size = ${o.poolSize}`,
    'reserve_pool_size = 5',
    // node-postgres sends these at startup; PgBouncer must not refuse the connection over them
    'ignore_startup_parameters = extra_float_digits,options',
    'server_reset_query =',
    'log_connections = 0',
    'log_disconnections = 0',
    '',
  ].join('\n');
}

/**
 * Debian's pgbouncer in front of the primary, transaction pooling. It refuses to run as root, so as
 * root it drops to the `postgres` user (`-u`), which must read its files.
 */
export async function startPgBouncer(options: {
  dir: string;
  upstreamUrl: string;
  database: string;
  port?: number;
  poolSize?: number;
}): Promise<PgBouncer> {
  const upstream = new URL(options.upstreamUrl);
  const port = options.port ?? (await freePort());
  const dir = path.join(options.dir, 'pgbouncer');
  fs.mkdirSync(dir, { recursive: true, mode: 0o755 });
  const authFile = path.join(dir, 'userlist.txt');
  const user = decodeURIComponent(upstream.username);
  const password = decodeURIComponent(upstream.password);
  fs.writeFileSync(authFile, `"${user}" "${password}"\n`, { mode: 0o600 });
  const ini = path.join(dir, 'pgbouncer.ini');
  fs.writeFileSync(
    ini,
    pgbouncerIni({
      database: options.database,
      upstreamPort: Number(upstream.port),
      port,
      authFile,
      poolSize: options.poolSize ?? 40,
    }),
  );
  const runAs = ensurePostgresUser();
  if (runAs.uid !== undefined) {
    for (const f of [dir, authFile, ini]) fs.chownSync(f, runAs.uid, runAs.gid ?? runAs.uid);
  }
  const args = runAs.uid !== undefined ? ['-u', 'postgres', ini] : [ini];
  const proc = spawnManaged(BINARIES.pgbouncer, args, { name: 'pgbouncer' });
  await waitFor(
    async () => {
      if (!proc.running()) throw new Error(`pgbouncer exited:\n${proc.output()}`);
      return listening(port);
    },
    `pgbouncer did not start on port ${port}`,
    20_000,
    50,
  );
  const url = new URL(options.upstreamUrl);
  url.port = String(port);
  url.pathname = `/${options.database}`;
  return { url: url.toString(), port, process: proc, stop: () => proc.stop('SIGINT', 5_000) };
}

// ---------------------------------------------------------------- HAProxy

export interface HaproxyBackend {
  name: string;
  port: number;
}

/**
 * haproxy.cfg: round robin over the api processes, each checked on /health/ready (a process that
 * is not ready, or is gone, gets no traffic). SSE streams are long-lived responses: the client and
 * server timeouts are long (and `timeout tunnel` for upgraded connections). The answering process is
 * named in `X-Xinren-Backend` so tests and benchmarks see the spread.
 */
export function haproxyConfig(o: { port: number; backends: HaproxyBackend[] }): string {
  return [
    'global',
    '  maxconn 4000',
    '',
    'defaults',
    '  mode http',
    '  option forwardfor',
    '  option http-keep-alive',
    // events to viewers go out as they come: without it HAProxy merges small writes (p50 160 → 60 ms)
    '  option http-no-delay',
    '  option redispatch',
    '  retries 2',
    // a request never sent (the process is gone) goes to another one; a sent one is never replayed
    '  retry-on conn-failure',
    '  timeout connect 2s',
    '  timeout http-request 30s',
    '  timeout queue 10s',
    '  timeout client 10m',
    '  timeout server 10m',
    '  timeout tunnel 1h',
    '',
    'frontend xinren',
    `  bind 127.0.0.1:${o.port}`,
    '  default_backend api',
    '',
    'backend api',
    '  balance roundrobin',
    '  option httpchk GET /health/ready',
    '  http-check expect status 200',
    '  http-response set-header X-Xinren-Backend %s',
    '  default-server inter 500ms fall 2 rise 1',
    ...o.backends.map((b) => `  server ${b.name} 127.0.0.1:${b.port} check`),
    '',
  ].join('\n');
}

export interface Haproxy {
  url: string;
  port: number;
  process: ManagedProcess;
  stop(): Promise<void>;
}

export async function startHaproxy(options: {
  dir: string;
  backends: HaproxyBackend[];
  port?: number;
}): Promise<Haproxy> {
  const port = options.port ?? (await freePort());
  const cfg = path.join(options.dir, 'haproxy.cfg');
  fs.writeFileSync(cfg, haproxyConfig({ port, backends: options.backends }));
  const check = spawnManaged(BINARIES.haproxy, ['-c', '-q', '-f', cfg], { name: 'haproxy -c' });
  if ((await check.exited) !== 0) throw new Error(`haproxy.cfg is invalid:\n${check.output()}`);
  // -db: foreground, no daemon (we own its lifetime)
  const proc = spawnManaged(BINARIES.haproxy, ['-db', '-f', cfg], { name: 'haproxy' });
  const url = `http://127.0.0.1:${port}`;
  await waitFor(
    async () => {
      if (!proc.running()) throw new Error(`haproxy exited:\n${proc.output()}`);
      return (await fetch(`${url}/health/ready`)).status === 200;
    },
    `haproxy did not answer on port ${port}`,
    20_000,
    100,
  );
  return { url, port, process: proc, stop: () => proc.stop('SIGTERM', 5_000) };
}
