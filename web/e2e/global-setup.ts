import { type ChildProcess, spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
  }
}

const web = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

async function waitForHealth(url: string, server: ChildProcess, timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (server.exitCode !== null)
      throw new Error(`the server exited with ${server.exitCode} before it was ready`);
    try {
      const res = await fetch(`${url}/health`);
      if (res.ok) return;
    } catch {}
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`the server was not healthy within ${timeoutMs} ms`);
}

/**
 * Starts the platform as `npm start` does (embedded PostgreSQL in a fresh data directory, demo data,
 * the web build), on free ports; `E2E_BASE_URL` reuses a server that is already running instead.
 */
export default async function setup(project: TestProject) {
  if (process.env.E2E_BASE_URL) {
    project.provide('baseUrl', process.env.E2E_BASE_URL.replace(/\/$/, ''));
    return;
  }
  // E2E_WEB_DIR: a build elsewhere than web/dist (several runs at once each build their own)
  const webDir = process.env.E2E_WEB_DIR ?? path.join(web, 'dist');
  if (!existsSync(path.join(webDir, 'index.html')))
    throw new Error(`${webDir} holds no web build: run \`npm run build -w web\``);
  const dataDir = mkdtempSync(path.join(tmpdir(), 'xinren-e2e-'));
  // the embedded PostgreSQL's own user must reach it (mkdtemp makes it private)
  chmodSync(dataDir, 0o755);
  const [port, pgPort] = [await freePort(), await freePort()];
  const output: string[] = [];
  const server = spawn(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'start'], {
    cwd: path.join(web, '../server'),
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      XINREN_DATA_DIR: dataDir,
      XINREN_PG_PORT: String(pgPort),
      XINREN_WEB_DIR: webDir,
      // the webhook test's receiver listens on 127.0.0.1 (a server reused by E2E_BASE_URL needs it too)
      XINREN_WEBHOOKS_PRIVATE_NETWORKS: 'allow',
      LOG_LEVEL: process.env.E2E_LOG_LEVEL ?? 'warn',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const keep = (chunk: Buffer) => {
    output.push(chunk.toString());
    if (output.length > 200) output.shift();
    if (process.env.E2E_SERVER_LOG) process.stderr.write(chunk);
  };
  server.stdout!.on('data', keep);
  server.stderr!.on('data', keep);
  const baseUrl = `http://127.0.0.1:${port}`;
  try {
    await waitForHealth(baseUrl, server, 240_000);
  } catch (err) {
    server.kill('SIGTERM');
    console.error(output.join(''));
    throw err;
  }
  project.provide('baseUrl', baseUrl);
  return async () => {
    const exited = new Promise((r) => server.once('exit', r));
    server.kill('SIGTERM');
    await Promise.race([exited, new Promise((r) => setTimeout(r, 20_000))]);
    if (server.exitCode === null) server.kill('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  };
}
