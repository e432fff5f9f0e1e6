import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from '../../../server/test/server-process.ts';

const serverDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../server');

export interface ServerProcess {
  baseUrl: string;
  databaseUrl: string;
  child: ChildProcess;
  dataDir: string;
  stop(): Promise<void>;
}

/**
 * The real server (`xinren start`) in its own process on a fresh embedded PostgreSQL, as a user
 * starts it; the benchmark drives it over HTTP from this process.
 */
export async function startServerProcess(env: Record<string, string> = {}): Promise<ServerProcess> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'xinren-bench-'));
  fs.chmodSync(dataDir, 0o755);
  const port = await freePort();
  const pgPort = await freePort();
  let output = '';
  // BENCH_SERVER_NODE_ARGS: extra node flags for the server, e.g. --cpu-prof to profile it
  const nodeArgs = (process.env.BENCH_SERVER_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const child = spawn(process.execPath, [...nodeArgs, '--import', 'tsx', 'src/cli.ts', 'start'], {
    cwd: serverDir,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      XINREN_DATA_DIR: dataDir,
      XINREN_PG_PORT: String(pgPort),
      XINREN_SEED: 'off',
      LOG_LEVEL: 'warn',
      // the benchmarks' webhook receivers listen on 127.0.0.1 (webhook-sink.ts, webhooks.bench.ts)
      XINREN_WEBHOOKS_PRIVATE_NETWORKS: 'allow',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', (d) => {
    output += d;
    // surface the server's errors (pino level 50+) while the benchmark runs
    for (const line of String(d).split('\n'))
      if (/"level":(5|6)\d/.test(line)) console.warn(`server: ${line.slice(0, 1500)}`);
  });
  child.stderr!.on('data', (d) => {
    output += d;
    if (process.env.BENCH_SHOW_STDERR) process.stderr.write(d);
  });
  const baseUrl = `http://127.0.0.1:${port}`;
  // BENCH_START_TIMEOUT_MS: a seeded start on a loaded machine can take minutes
  const deadline = Date.now() + Number(process.env.BENCH_START_TIMEOUT_MS ?? 120_000);
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited:\n${output}`);
    if (Date.now() > deadline) throw new Error(`server did not become healthy:\n${output}`);
    try {
      if ((await fetch(`${baseUrl}/health`)).status === 200) break;
    } catch {}
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    baseUrl,
    databaseUrl: `postgres://postgres:xinren@127.0.0.1:${pgPort}/xinren`,
    child,
    dataDir,
    async stop() {
      if (child.exitCode === null) {
        child.kill('SIGTERM');
        await new Promise((r) => child.once('exit', r));
      }
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
