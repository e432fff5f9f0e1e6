import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { ensurePostgresUser } from '../src/platform/embedded-postgres.ts';
import { freePort } from './server-process.ts';

/** Debian's pgbouncer (CI installs the package); XINREN_PGBOUNCER_BIN names another. */
export const PGBOUNCER_BIN = process.env.XINREN_PGBOUNCER_BIN ?? '/usr/sbin/pgbouncer';

export function pgbouncerInstalled(): boolean {
  try {
    fs.accessSync(PGBOUNCER_BIN, fs.constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

export interface TestPgBouncer {
  port: number;
  /** `upstreamUrl` with the host and port of the pooler (same user, password and database). */
  urlFor(upstreamUrl: string): string;
  /** A statement of the admin console (SHOW POOLS, SHOW STATS…): its rows. */
  admin(command: string): Promise<Record<string, unknown>[]>;
  output(): string;
  stop(): Promise<void>;
}

/**
 * pgbouncer in transaction mode in front of the server of `upstreamUrl`, every database passed
 * through (`* =`), clients trusted on 127.0.0.1, the server logged in to with the upstream URL's
 * password; its unix socket in a folder of its own. It refuses to run as root: as root it runs as the
 * `postgres` user (`-u`), which then owns its folder.
 */
export async function startTestPgBouncer(upstreamUrl: string): Promise<TestPgBouncer> {
  const upstream = new URL(upstreamUrl);
  const user = decodeURIComponent(upstream.username) || 'postgres';
  const password = decodeURIComponent(upstream.password);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xinren-pgbouncer-'));
  fs.chmodSync(dir, 0o755);
  const port = await freePort();
  const authFile = path.join(dir, 'userlist.txt');
  fs.writeFileSync(authFile, `"${user}" "${password}"\n`, { mode: 0o600 });
  const ini = path.join(dir, 'pgbouncer.ini');
  const host = upstream.hostname === 'localhost' ? '127.0.0.1' : upstream.hostname;
  fs.writeFileSync(
    ini,
    [
      '[databases]',
      `* = host=${host} port=${upstream.port || 5432}`,
      '[pgbouncer]',
      'listen_addr = 127.0.0.1',
      `listen_port = ${port}`,
      `unix_socket_dir = ${dir}`,
      'auth_type = trust',
      `auth_file = ${authFile}`,
      `admin_users = ${user}`,
      'pool_mode = transaction',
      'default_pool_size = 8',
      'max_client_conn = 500',
      // node-postgres sends these at startup; pgbouncer would refuse the connection over them
      'ignore_startup_parameters = extra_float_digits,options',
      `logfile = ${path.join(dir, 'pgbouncer.log')}`,
      '',
    ].join('\n'),
  );
  const runAs = ensurePostgresUser();
  if (runAs.uid !== undefined) {
    for (const f of [dir, authFile, ini]) fs.chownSync(f, runAs.uid, runAs.gid ?? runAs.uid);
  }
  const args = runAs.uid !== undefined ? ['-u', 'postgres', ini] : [ini];
  const child: ChildProcess = spawn(PGBOUNCER_BIN, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.on('data', (d) => {
    output += d;
  });
  child.stderr!.on('data', (d) => {
    output += d;
  });
  const log = () => {
    try {
      return output + fs.readFileSync(path.join(dir, 'pgbouncer.log'), 'utf8');
    } catch {
      return output;
    }
  };
  const adminUrl = `postgres://${encodeURIComponent(user)}@127.0.0.1:${port}/pgbouncer`;
  const admin = async (command: string) => {
    const client = new pg.Client({ connectionString: adminUrl });
    await client.connect();
    try {
      return (await client.query(command)).rows as Record<string, unknown>[];
    } finally {
      await client.end();
    }
  };
  const deadline = Date.now() + 15_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`pgbouncer exited (${child.exitCode}):\n${log()}`);
    try {
      await admin('SHOW VERSION');
      break;
    } catch (err) {
      if (Date.now() > deadline)
        throw new Error(`pgbouncer did not answer: ${(err as Error).message}\n${log()}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  return {
    port,
    urlFor(url) {
      const u = new URL(url);
      u.hostname = '127.0.0.1';
      u.port = String(port);
      return u.toString();
    },
    admin,
    output: log,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        const gone = new Promise((r) => child.once('exit', r));
        child.kill('SIGINT');
        const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
        await gone;
        clearTimeout(timer);
      }
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
