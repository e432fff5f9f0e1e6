import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import {
  alive,
  ensurePostgresUser,
  initCluster,
  PG_PASSWORD,
  PG_USER,
  pgBinDir,
  type RunAs,
  reachableByOthers,
  reachableInstallDir,
  readPid,
  run,
  socketDirectory,
} from '../src/platform/embedded-postgres.ts';
import { own, reapStale } from './cleanup.ts';
import { freePort, waitFor } from './ports.ts';

/**
 * A PostgreSQL primary and a streaming replica from the embedded PostgreSQL binaries the project
 * already runs. Those ship no pg_basebackup (and Debian's older one cannot copy a newer server), so
 * the replica is made with PostgreSQL's documented low-level base backup: `pg_backup_start` on one
 * session, a copy of the data directory, `pg_backup_stop` whose label becomes `backup_label`, then
 * `standby.signal` + `primary_conninfo`. A physical replication slot keeps the WAL the replica still
 * needs while it is down (stopReplica/startReplica).
 */
export interface PostgresPairOptions {
  /** Parent folder of both data directories (default: a new temporary folder, removed by stop()). */
  dir?: string;
  primaryPort?: number;
  replicaPort?: number;
  /** false: the primary alone (replicaUrl then names no server). Default true. */
  replica?: boolean;
  /** Extra `-c name=value` settings for both servers. */
  settings?: Record<string, string | number>;
}

export interface PostgresPair {
  /** TCP, database `postgres`, superuser. */
  primaryUrl: string;
  replicaUrl: string;
  primaryPort: number;
  replicaPort: number;
  /** Stops the replica at once (`pg_ctl stop -m immediate`, as a crash would). */
  stopReplica(): Promise<void>;
  /** Starts the replica again and waits until it streams from the primary. */
  startReplica(): Promise<void>;
  /** Waits until the replica has replayed everything the primary has written so far. */
  waitCaughtUp(timeoutMs?: number): Promise<void>;
  stop(): Promise<void>;
}

const SLOT = 'xinren_replica';
const APPLICATION_NAME = 'xinren_replica';

/** Per the documentation of the low-level base backup: recreated by the server, never copied. */
const SKIP_FILES = new Set(['postmaster.pid', 'postmaster.opts', 'backup_label', 'tablespace_map']);
const EMPTY_DIRS = new Set([
  'pg_wal',
  'pg_replslot',
  'pg_dynshmem',
  'pg_notify',
  'pg_serial',
  'pg_snapshots',
  'pg_stat_tmp',
  'pg_subtrans',
]);

/** What the base backup copies from the primary's data directory (`rel` is relative to it). */
export function copiedInBaseBackup(rel: string, kind: 'file' | 'dir'): 'copy' | 'empty-dir' | 'skip' {
  const parts = rel.split(path.sep);
  const name = parts[parts.length - 1]!;
  if (name.startsWith('pgsql_tmp')) return 'skip';
  if (parts.length === 1 && kind === 'file' && SKIP_FILES.has(name)) return 'skip';
  if (parts.length === 1 && kind === 'dir' && EMPTY_DIRS.has(name)) return 'empty-dir';
  // pg_wal/archive_status must exist for the standby to start
  if (rel === path.join('pg_wal', 'archive_status') || rel === path.join('pg_wal', 'summaries')) {
    return 'empty-dir';
  }
  return 'copy';
}

/** Copies a live data directory; files that vanish while copying are skipped (the WAL replays them). */
function copyDataDir(from: string, to: string, rel = ''): void {
  const source = path.join(from, rel);
  const target = path.join(to, rel);
  fs.mkdirSync(target, { recursive: true, mode: 0o700 });
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(source, { withFileTypes: true });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw err;
  }
  for (const entry of entries) {
    const childRel = path.join(rel, entry.name);
    if (entry.isDirectory()) {
      const what = copiedInBaseBackup(childRel, 'dir');
      if (what === 'skip') continue;
      if (what === 'empty-dir') {
        fs.mkdirSync(path.join(to, childRel), { recursive: true, mode: 0o700 });
        if (childRel === 'pg_wal') fs.mkdirSync(path.join(to, 'pg_wal', 'archive_status'), { mode: 0o700 });
        continue;
      }
      copyDataDir(from, to, childRel);
    } else if (entry.isFile()) {
      if (copiedInBaseBackup(childRel, 'file') === 'skip') continue;
      try {
        fs.copyFileSync(path.join(from, childRel), path.join(to, childRel));
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
      }
    }
    // sockets and lock files of the running server are not data
  }
}

function chownTree(dir: string, runAs: RunAs): void {
  if (runAs.uid === undefined) return;
  const gid = runAs.gid ?? runAs.uid;
  fs.chownSync(dir, runAs.uid, gid);
  for (const entry of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
    fs.chownSync(path.join(entry.parentPath, entry.name), runAs.uid, gid);
  }
}

function serverOptions(port: number, pgData: string, settings: Record<string, string | number>): string {
  const socketDir = socketDirectory(pgData);
  const all: Record<string, string | number> = {
    listen_addresses: '127.0.0.1',
    unix_socket_directories: `'${socketDir ?? ''}'`,
    max_connections: 300,
    shared_buffers: '128MB',
    max_wal_size: '1GB',
    wal_level: 'replica',
    max_wal_senders: 10,
    max_replication_slots: 10,
    hot_standby: 'on',
    // replica reads are not cancelled by the primary's vacuum
    hot_standby_feedback: 'on',
    log_min_messages: 'warning',
    ...settings,
  };
  return [`-p ${port}`, ...Object.entries(all).map(([k, v]) => `-c ${k}=${v}`)].join(' ');
}

function urlFor(port: number): string {
  return `postgres://${PG_USER}:${PG_PASSWORD}@127.0.0.1:${port}/postgres`;
}

async function query<T>(url: string, text: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(text)).rows as T[];
  } finally {
    await client.end();
  }
}

export async function startPostgresPair(options: PostgresPairOptions = {}): Promise<PostgresPair> {
  reapStale();
  const runAs = ensurePostgresUser();
  const binDir = reachableInstallDir(await pgBinDir());
  const bin = (name: string) => path.join(binDir, name);
  const ownDir = options.dir === undefined;
  const dir = options.dir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'xinren-pair-'));
  const releaseDir = ownDir ? own({ kind: 'dir', path: dir }) : () => {};
  fs.mkdirSync(dir, { recursive: true });
  fs.chmodSync(dir, 0o755);
  if (runAs.uid !== undefined && !reachableByOthers(dir)) {
    throw new Error(`the postgres user cannot reach ${dir} (a parent folder is private): pick another dir`);
  }
  const primaryData = path.join(dir, 'primary');
  const replicaData = path.join(dir, 'replica');
  const primaryPort = options.primaryPort ?? (await freePort());
  const replicaPort = options.replicaPort ?? (await freePort());
  const settings = options.settings ?? {};
  const cwd = os.tmpdir();
  const primaryUrl = urlFor(primaryPort);
  const replicaUrl = urlFor(replicaPort);
  const unregister: (() => void)[] = [];
  const withReplica = options.replica !== false;

  // Stopped at once should this process end without stop() (cleanup.ts).
  const guard = (pgData: string) => own({ kind: 'postgres', dataDir: pgData });

  const pgCtl = async (args: string[], what: string, logFile?: string) => {
    const result = await run(bin('pg_ctl'), args, runAs, cwd);
    if (result.code !== 0) {
      let tail = '';
      try {
        if (logFile) tail = fs.readFileSync(logFile, 'utf8').split('\n').slice(-20).join('\n');
      } catch {}
      throw new Error(`${what} failed: ${result.output}\n${tail}`);
    }
  };
  const startServer = async (pgData: string, port: number, name: string) => {
    const logFile = path.join(dir, `${name}.log`);
    if (runAs.uid !== undefined && !fs.existsSync(logFile)) {
      fs.writeFileSync(logFile, '');
      fs.chownSync(logFile, runAs.uid, runAs.gid ?? runAs.uid);
    }
    await pgCtl(
      ['start', '-D', pgData, '-w', '-t', '120', '-l', logFile, '-o', serverOptions(port, pgData, settings)],
      `starting the ${name} PostgreSQL on port ${port}`,
      logFile,
    );
  };
  const stopServer = async (pgData: string, mode: 'fast' | 'immediate') => {
    const pid = readPid(pgData);
    if (pid === undefined || !alive(pid)) return;
    const result = await run(bin('pg_ctl'), ['stop', '-D', pgData, '-m', mode, '-w', '-t', '60'], runAs, cwd);
    if (result.code !== 0 && alive(pid)) {
      process.kill(pid, 'SIGQUIT');
      await waitFor(() => !alive(pid), `PostgreSQL ${pid} did not stop`, 10_000);
    }
  };
  const streaming = async () => {
    const rows = await query<{ state: string }>(
      primaryUrl,
      `select state from pg_stat_replication where application_name = '${APPLICATION_NAME}'`,
    );
    return rows[0]?.state === 'streaming';
  };

  try {
    // 1. The primary: a fresh cluster as the embedded one (scram, UTF8, C locale).
    fs.mkdirSync(primaryData, { mode: 0o700 });
    if (runAs.uid !== undefined) fs.chownSync(primaryData, runAs.uid, runAs.gid ?? runAs.uid);
    await initCluster(bin('initdb'), primaryData, runAs, cwd);
    // initdb writes replication lines for local connections already; make sure of the TCP one.
    const hba = path.join(primaryData, 'pg_hba.conf');
    if (!/^host\s+replication\s+all\s+127\.0\.0\.1\/32/m.test(fs.readFileSync(hba, 'utf8'))) {
      fs.appendFileSync(
        hba,
        '\nhost    replication     all             127.0.0.1/32            scram-sha-256\n',
      );
    }
    unregister.push(guard(primaryData));
    await startServer(primaryData, primaryPort, 'primary');
    if (withReplica) await makeReplica();
  } catch (err) {
    await stopServer(replicaData, 'immediate').catch(() => {});
    await stopServer(primaryData, 'immediate').catch(() => {});
    for (const u of unregister) u();
    if (ownDir) fs.rmSync(dir, { recursive: true, force: true });
    releaseDir();
    throw err;
  }

  async function makeReplica() {
    // 2. The low-level base backup, on one session held open from start to stop.
    const session = new pg.Client({ connectionString: primaryUrl });
    await session.connect();
    try {
      await session.query(`select pg_create_physical_replication_slot('${SLOT}', true)`);
      await session.query(`select pg_backup_start('xinren-replica', true)`);
      copyDataDir(primaryData, replicaData);
      const stopped = await session.query<{ labelfile: string; spcmapfile: string | null }>(
        'select labelfile, spcmapfile from pg_backup_stop(false)',
      );
      const { labelfile, spcmapfile } = stopped.rows[0]!;
      fs.writeFileSync(path.join(replicaData, 'backup_label'), labelfile);
      if (spcmapfile) fs.writeFileSync(path.join(replicaData, 'tablespace_map'), spcmapfile);
    } finally {
      await session.end();
    }

    // 3. The standby: follow the primary over streaming replication through the slot.
    fs.writeFileSync(path.join(replicaData, 'standby.signal'), '');
    fs.appendFileSync(
      path.join(replicaData, 'postgresql.auto.conf'),
      `primary_conninfo = 'host=127.0.0.1 port=${primaryPort} user=${PG_USER} password=${PG_PASSWORD} application_name=${APPLICATION_NAME}'\n` +
        `primary_slot_name = '${SLOT}'\n`,
    );
    fs.chmodSync(replicaData, 0o700);
    chownTree(replicaData, runAs);
    unregister.push(guard(replicaData));
    await startServer(replicaData, replicaPort, 'replica');
    await waitFor(streaming, 'the replica did not start streaming from the primary', 60_000);
  }

  let stopped = false;
  return {
    primaryUrl,
    replicaUrl,
    primaryPort,
    replicaPort,
    async stopReplica() {
      if (!withReplica) return;
      await stopServer(replicaData, 'immediate');
    },
    async startReplica() {
      if (!withReplica) return;
      const pid = readPid(replicaData);
      if (pid !== undefined && alive(pid)) return;
      await startServer(replicaData, replicaPort, 'replica');
      await waitFor(streaming, 'the replica did not stream again after its restart', 60_000);
    },
    async waitCaughtUp(timeoutMs = 30_000) {
      if (!withReplica) return;
      const [{ lsn }] = (await query<{ lsn: string }>(primaryUrl, 'select pg_current_wal_lsn() as lsn')) as [
        { lsn: string },
      ];
      await waitFor(
        async () => {
          const rows = await query<{ ok: boolean }>(
            replicaUrl,
            `select pg_last_wal_replay_lsn() >= '${lsn}'::pg_lsn as ok`,
          );
          return rows[0]?.ok === true;
        },
        `the replica did not replay up to ${lsn}`,
        timeoutMs,
        50,
      );
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      await stopServer(replicaData, 'immediate');
      await stopServer(primaryData, 'fast');
      for (const u of unregister) u();
      if (ownDir) fs.rmSync(dir, { recursive: true, force: true });
      releaseDir();
    },
  };
}
