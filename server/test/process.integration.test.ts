import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { alive } from '../src/platform/embedded-postgres.ts';
import { exited, freePort, serverDir, startServer, waitHealthy } from './server-process.ts';

function postmasterPid(dataDir: string): number | undefined {
  try {
    return Number(fs.readFileSync(path.join(dataDir, 'pg', 'postmaster.pid'), 'utf8').split('\n')[0]);
  } catch {
    return undefined;
  }
}

const cleanups: (() => Promise<void> | void)[] = [];
afterAll(async () => {
  for (const c of cleanups.reverse()) await c();
});

describe('the server process on the embedded database', () => {
  it('recovers after being killed with SIGKILL, then stops its PostgreSQL on SIGTERM', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'xinren-proc-'));
    fs.chmodSync(dataDir, 0o755);
    const env = { XINREN_DATA_DIR: dataDir, XINREN_PG_PORT: String(await freePort()) };
    cleanups.push(() => fs.rmSync(dataDir, { recursive: true, force: true }));

    const first = startServer(env, await freePort());
    cleanups.push(() => void first.child.kill('SIGKILL'));
    expect(await waitHealthy(first)).toEqual({ status: 'ok', database: 'up' });
    const register = await fetch(`http://127.0.0.1:${first.port}/api/v1/auth/register`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ kind: 'buyer', login: 'survivor', password: 'password-123', displayName: 'S' }),
    });
    expect(register.status).toBe(201);

    // A CLI command beside the running server shares its database and leaves it running.
    const cli = spawn(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'migrate'], {
      cwd: serverDir,
      env: { ...process.env, ...env, LOG_LEVEL: 'info' },
      stdio: 'ignore',
    });
    expect(await exited(cli)).toBe(0);
    expect((await fetch(`http://127.0.0.1:${first.port}/health`)).status).toBe(200);

    // SIGKILL: Node gets no chance to stop PostgreSQL, which keeps running.
    const stalePid = postmasterPid(dataDir);
    expect(stalePid).toBeGreaterThan(0);
    first.child.kill('SIGKILL');
    await exited(first.child);
    expect(alive(stalePid!)).toBe(true);

    const second = startServer(env, await freePort());
    cleanups.push(() => void second.child.kill('SIGKILL'));
    expect(await waitHealthy(second)).toEqual({ status: 'ok', database: 'up' });
    expect(second.output()).toContain('left running by a previous run');
    // The data survived: the account registered before the kill can sign in.
    const login = await fetch(`http://127.0.0.1:${second.port}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ login: 'survivor', password: 'password-123' }),
    });
    expect(login.status).toBe(200);

    const pidNow = postmasterPid(dataDir)!;
    second.child.kill('SIGTERM');
    expect(await exited(second.child)).toBe(0);
    expect(alive(pidNow)).toBe(false);
    expect(fs.existsSync(path.join(dataDir, 'pg', 'postmaster.pid'))).toBe(false);
  }, 240_000);
});

// CI provides a PostgreSQL service on 127.0.0.1:5432 (trust auth). Elsewhere, set
// XINREN_EXTERNAL_PG_URL to point at one; without either, this path cannot be tested here.
const externalAdminUrl = process.env.XINREN_EXTERNAL_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

async function externalReachable(): Promise<boolean> {
  const client = new pg.Client({ connectionString: externalAdminUrl, connectionTimeoutMillis: 2_000 });
  try {
    await client.connect();
    await client.end();
    return true;
  } catch {
    return false;
  }
}

const mustTestExternal = process.env.CI === 'true' || process.env.XINREN_EXTERNAL_PG_URL !== undefined;
const external = mustTestExternal || (await externalReachable());

describe.runIf(external)('the server process with DATABASE_URL', () => {
  it('uses the given server, migrates it, and starts no embedded PostgreSQL', async () => {
    const name = `xinren_ext_${process.pid}_${Date.now()}`;
    const admin = new pg.Client({ connectionString: externalAdminUrl });
    await admin.connect();
    await admin.query(`create database ${name}`);
    cleanups.push(async () => {
      await admin.query(`drop database if exists ${name} with (force)`);
      await admin.end();
    });
    const url = new URL(externalAdminUrl);
    url.pathname = `/${name}`;
    const unusedDataDir = path.join(os.tmpdir(), `xinren-never-${process.pid}-${Date.now()}`);

    const server = startServer(
      { DATABASE_URL: url.toString(), XINREN_DATA_DIR: unusedDataDir },
      await freePort(),
    );
    cleanups.push(() => void server.child.kill('SIGKILL'));
    expect(await waitHealthy(server)).toEqual({ status: 'ok', database: 'up' });
    expect(fs.existsSync(unusedDataDir)).toBe(false);

    const check = new pg.Client({ connectionString: url.toString() });
    await check.connect();
    const migrated = await check.query('select count(*)::int as n from schema_migrations');
    await check.end();
    expect(migrated.rows[0].n).toBeGreaterThan(0);

    server.child.kill('SIGTERM');
    expect(await exited(server.child)).toBe(0);
  }, 120_000);
});
