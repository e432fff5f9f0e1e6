// Start-up (issue 18): time from a start command to `/health` answering 200, on a copy of the
// checkout (a clone of HEAD with this checkout's node_modules linked in, so no tracked file here is
// touched) and one database:
//   first     `npm start` on the fresh copy: builds the web apps and the server, creates and seeds the
//             database (the demo marketplace without the sales histories)
//   existing  `npm start` again: existing database, nothing changed (the target: ≤ 2 s)
//   web       `npm start` after a web source file changed: the web build runs again
//   prod      `npm run start:prod`: the built server, no checks
//   tsx       `npm run start -w server`: the server through tsx (development)
//   old       the start command before issue 18: `npm run build -w web && npm run start -w server`
// and, for the process model, product-page reads at 64 concurrent against one server process and
// against two on the same PostgreSQL (the client alternating between them, as one shared port would).
// CPU is the process tree's (user + system, PostgreSQL excluded) until `/health` answered.
// `npm run bench:start`; BENCH_RUNS (3) starts per mode, BENCH_SECONDS (5) per read run,
// BENCH_ONLY=existing,prod: a subset. The last line is a JSON summary.
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { Pool } from 'undici';
import { connect } from '../../server/src/platform/db.ts';
import { freePort } from '../../server/test/server-process.ts';
import { median, percentile, round } from './lib/stats.ts';

const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const ONLY = process.env.BENCH_ONLY?.split(',');
const CONCURRENCY = 64;
const checkout = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const TICKS_PER_SECOND = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;

const loadAverage = () => fs.readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');

/** A clone of HEAD beside this checkout's installed packages. */
function copyCheckout(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xinren-start-bench-'));
  fs.chmodSync(dir, 0o755);
  execFileSync('git', ['clone', '-q', checkout, path.join(dir, 'repo')]);
  const repo = path.join(dir, 'repo');
  for (const modules of ['node_modules', 'server/node_modules', 'web/node_modules', 'bench/node_modules']) {
    if (fs.existsSync(path.join(checkout, modules)))
      fs.symlinkSync(path.join(checkout, modules), path.join(repo, modules));
  }
  return dir;
}

/** CPU ms of `pid` and its descendants, with their children that have exited (from /proc). */
function treeCpuMs(pid: number): number {
  const stats = new Map<number, { ppid: number; ticks: number }>();
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      // fields[1] = ppid; utime, stime, cutime, cstime are fields 14–17 of stat (11–14 here)
      const ticks = [11, 12, 13, 14].reduce((sum, i) => sum + Number(fields[i]), 0);
      stats.set(Number(entry), { ppid: Number(fields[1]), ticks });
    } catch {
      // the process ended meanwhile
    }
  }
  let ticks = 0;
  for (const [candidate, stat] of stats) {
    for (let p: number | undefined = candidate; p !== undefined && p > 1; p = stats.get(p)?.ppid) {
      if (p === pid) {
        ticks += stat.ticks;
        break;
      }
    }
  }
  return (ticks * 1000) / TICKS_PER_SECOND;
}

interface Started {
  child: ChildProcess;
  origin: string;
  ms: number;
  cpuMs: number;
  stop(): Promise<void>;
}

async function startAndWait(command: string, cwd: string, env: Record<string, string>, port: number) {
  const begun = performance.now();
  const child = spawn(command, {
    shell: true,
    cwd,
    detached: true,
    env: { ...process.env, LOG_LEVEL: 'warn', HOST: '127.0.0.1', PORT: String(port), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (d) => {
    output += d;
  });
  child.stderr!.on('data', (d) => {
    output += d;
  });
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${command} exited:\n${output.slice(-3000)}`);
    try {
      if ((await fetch(`http://127.0.0.1:${port}/health`)).status === 200) break;
    } catch {}
    await new Promise((r) => setTimeout(r, 10));
  }
  const ms = performance.now() - begun;
  const started: Started = {
    child,
    origin: `http://127.0.0.1:${port}`,
    ms,
    cpuMs: treeCpuMs(child.pid!),
    async stop() {
      if (child.exitCode !== null) return;
      const exited = new Promise((r) => child.once('exit', r));
      process.kill(-child.pid!, 'SIGINT');
      await exited;
    },
  };
  return started;
}

/** Stops an embedded PostgreSQL a killed run may have left behind in `dataDir`. */
function stopLeftPostgres(dataDir: string) {
  try {
    const pid = Number(fs.readFileSync(path.join(dataDir, 'pg', 'postmaster.pid'), 'utf8').split('\n')[0]);
    if (pid > 0) process.kill(pid, 'SIGINT');
  } catch {
    // none running
  }
}

interface StartFigures {
  mode: string;
  runs: number;
  wallMs: number[];
  cpuMs: number[];
  medianWallMs: number;
  medianCpuMs: number;
  load: string;
}

async function measureStarts(
  mode: string,
  runs: number,
  command: string,
  cwd: string,
  env: Record<string, string>,
  before: () => void = () => {},
): Promise<StartFigures> {
  const wallMs: number[] = [];
  const cpuMs: number[] = [];
  for (let i = 0; i < runs; i++) {
    before();
    const started = await startAndWait(command, cwd, env, await freePort());
    await started.stop();
    wallMs.push(round(started.ms, 0));
    cpuMs.push(round(started.cpuMs, 0));
  }
  const figures = {
    mode,
    runs,
    wallMs,
    cpuMs,
    medianWallMs: median(wallMs),
    medianCpuMs: median(cpuMs),
    load: loadAverage(),
  };
  console.log(
    `${mode.padEnd(9)} ${command.padEnd(58)} wall ${wallMs.join(', ')} ms; CPU ${cpuMs.join(', ')} ms; load ${figures.load}`,
  );
  return figures;
}

interface ReadFigures {
  processes: number;
  requests: number;
  perSecond: number;
  p50Ms: number;
  p99Ms: number;
  errors: number;
  /** CPU ms per request of the server processes, of PostgreSQL, of this load generator. */
  serverCpuMs: number;
  postgresCpuMs: number;
  clientCpuMs: number;
  load: string;
}

interface Servers {
  origins: string[];
  pids: number[];
  postmasterPid: number;
}

/** Product pages at CONCURRENCY for SECONDS, the clients spread over the first `count` servers. */
async function readLoad(servers: Servers, count: number, productIds: number[]): Promise<ReadFigures> {
  const origins = servers.origins.slice(0, count);
  const serverCpu = () => servers.pids.slice(0, count).reduce((sum, pid) => sum + treeCpuMs(pid), 0);
  const cpuBefore = { server: serverCpu(), pg: treeCpuMs(servers.postmasterPid), client: process.cpuUsage() };
  const pools = origins.map((origin) => new Pool(origin, { connections: CONCURRENCY }));
  const latencies: number[] = [];
  let errors = 0;
  let next = 0;
  const until = performance.now() + SECONDS * 1000;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async (_, client) => {
      const pool = pools[client % pools.length]!;
      while (performance.now() < until) {
        const id = productIds[next++ % productIds.length]!;
        const begun = performance.now();
        const res = await pool.request({ method: 'GET', path: `/api/v1/products/${id}` });
        await res.body.dump();
        if (res.statusCode !== 200) errors++;
        latencies.push(performance.now() - begun);
      }
    }),
  );
  await Promise.all(pools.map((pool) => pool.close()));
  const client = process.cpuUsage(cpuBefore.client);
  const perRequest = (ms: number) => round(ms / Math.max(1, latencies.length), 2);
  latencies.sort((a, b) => a - b);
  return {
    processes: origins.length,
    requests: latencies.length,
    perSecond: round(latencies.length / SECONDS, 0),
    p50Ms: round(percentile(latencies, 50)),
    p99Ms: round(percentile(latencies, 99)),
    errors,
    serverCpuMs: perRequest(serverCpu() - cpuBefore.server),
    postgresCpuMs: perRequest(treeCpuMs(servers.postmasterPid) - cpuBefore.pg),
    clientCpuMs: perRequest((client.user + client.system) / 1000),
    load: loadAverage(),
  };
}

/** One server process against two on the same PostgreSQL (the second fires no deadlines). */
async function compareProcesses(repo: string, dataDir: string, pgPort: number): Promise<ReadFigures[]> {
  const env = { XINREN_DATA_DIR: dataDir, XINREN_PG_PORT: String(pgPort) };
  const first = await startAndWait('node server/dist/cli.mjs start', repo, env, await freePort());
  const databaseUrl = `postgres://postgres:xinren@127.0.0.1:${pgPort}/xinren`;
  const second = await startAndWait(
    'node server/dist/cli.mjs start',
    repo,
    { DATABASE_URL: databaseUrl, XINREN_DEADLINES: 'off', XINREN_SEED: 'off' },
    await freePort(),
  );
  const handle = connect(databaseUrl, { max: 1 });
  const results: ReadFigures[] = [];
  try {
    const productIds = (
      await sql<{ id: number }>`select id from products where state = 'listed' order by id`.execute(handle.db)
    ).rows.map((r) => r.id);
    const postmasterPid = Number(
      fs.readFileSync(path.join(dataDir, 'pg', 'postmaster.pid'), 'utf8').split('\n')[0],
    );
    const servers = {
      origins: [first.origin, second.origin],
      pids: [first.child.pid!, second.child.pid!],
      postmasterPid,
    };
    await readLoad(servers, 2, productIds); // warm both processes (lazy compilation, caches, JIT)
    // alternated, so a change in the machine's load falls on both
    for (let i = 0; i < RUNS; i++) {
      for (const count of [1, 2]) {
        const f = await readLoad(servers, count, productIds);
        console.log(
          `reads     ${count} process(es): ${f.perSecond} req/s, p50 ${f.p50Ms} ms, p99 ${f.p99Ms} ms, errors ${f.errors}; CPU ms per request: server ${f.serverCpuMs}, PostgreSQL ${f.postgresCpuMs}, load generator ${f.clientCpuMs}; load ${f.load}`,
        );
        results.push(f);
      }
    }
  } finally {
    await handle.close();
    await second.stop();
    await first.stop();
  }
  return results;
}

async function main() {
  const dir = copyCheckout();
  const repo = path.join(dir, 'repo');
  const dataDir = path.join(dir, 'data');
  const pgPort = await freePort();
  const env = { XINREN_DATA_DIR: dataDir, XINREN_PG_PORT: String(pgPort), XINREN_SEED_HISTORY: 'off' };
  const wanted = (mode: string) => !ONLY || ONLY.includes(mode);
  const starts: StartFigures[] = [];
  let reads: ReadFigures[] = [];
  console.log(`copy of HEAD in ${repo}; load ${loadAverage()}`);
  try {
    starts.push(await measureStarts('first', 1, 'npm start', repo, env));
    if (wanted('existing')) starts.push(await measureStarts('existing', RUNS, 'npm start', repo, env));
    if (wanted('web')) {
      const page = path.join(repo, 'web/src/main.tsx');
      let edits = 0;
      starts.push(
        await measureStarts('web', RUNS, 'npm start', repo, env, () =>
          fs.appendFileSync(page, `\n// start bench edit ${++edits}\n`),
        ),
      );
    }
    if (wanted('prod')) starts.push(await measureStarts('prod', RUNS, 'npm run start:prod', repo, env));
    if (wanted('tsx')) starts.push(await measureStarts('tsx', RUNS, 'npm run start -w server', repo, env));
    if (wanted('old'))
      starts.push(
        await measureStarts('old', RUNS, 'npm run build -w web && npm run start -w server', repo, env),
      );
    if (wanted('processes')) reads = await compareProcesses(repo, dataDir, pgPort);
  } finally {
    stopLeftPostgres(dataDir);
    fs.rmSync(dir, { recursive: true, force: true });
  }
  const byMode = Object.fromEntries(
    starts.map((s) => [s.mode, { medianWallMs: s.medianWallMs, medianCpuMs: s.medianCpuMs, load: s.load }]),
  );
  const readsBy = (n: number) => {
    const runs = reads.filter((r) => r.processes === n);
    return runs.length === 0
      ? undefined
      : {
          perSecond: median(runs.map((r) => r.perSecond)),
          p99Ms: median(runs.map((r) => r.p99Ms)),
          serverCpuMs: median(runs.map((r) => r.serverCpuMs)),
          postgresCpuMs: median(runs.map((r) => r.postgresCpuMs)),
          clientCpuMs: median(runs.map((r) => r.clientCpuMs)),
        };
  };
  console.log(
    JSON.stringify({
      bench: 'start',
      cpus: os.cpus().length,
      starts: byMode,
      reads: { oneProcess: readsBy(1), twoProcesses: readsBy(2) },
      load: loadAverage(),
    }),
  );
}

await main();
