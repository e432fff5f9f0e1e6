// Deadline firing throughput: 1,000,000 pending deadlines of which 100,000 are due, fired by two
// runner processes racing over one PostgreSQL. Checks that every due deadline fired exactly once and
// that the 900,000 not yet due were left alone. `npm run bench:deadlines`; the last line is JSON.
import { type ChildProcess, fork } from 'node:child_process';
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { type RawBuilder, sql } from 'kysely';
import { systemClock } from '../../server/src/platform/clock.ts';
import { connect, type Db } from '../../server/src/platform/db.ts';
import {
  type DeadlineBatchHandlers,
  type DeadlineHandlers,
  DeadlineRunner,
} from '../../server/src/platform/scheduler/index.ts';
import { benchDatabase } from './lib/bench-database.ts';

const PENDING = 1_000_000;
const DUE = 100_000;
const WORKERS = 2;
const RUNS = 3;
const BATCH_SIZE = 50;
// BENCH_BATCH_HANDLER=1: the kind has a batch handler too (one insert per claimed batch of MANY_BATCH_SIZE).
const BATCH_HANDLER = process.env.BENCH_BATCH_HANDLER === '1';
const MANY_BATCH_SIZE = Number(process.env.BENCH_MANY_BATCH ?? 500);
const KIND = 'bench.fire';
const TIME_LIMIT_MS = 15 * 60_000;
const POLL_MS = 50;

const log = {
  warn: (details: object, message: string) => console.warn(message, details),
  error: (details: object, message: string) => console.error(message, details),
};

type WorkerMessage = { type: 'ready' } | { type: 'stopped'; fired: number };

interface RunResult {
  run: number;
  seconds: number;
  firedPerSec: number;
  firedByWorker: number[];
  exactlyOnce: boolean;
  notDueUntouched: boolean;
}

// ---- worker process: one DeadlineRunner polling until told to stop ---------------------------------

async function worker(url: string): Promise<void> {
  const handle = connect(url, { max: 2, applicationName: 'deadlines-bench-worker' });
  let fired = 0;
  // A second firing of a deadline would violate the primary key and show up as a failed attempt.
  const handlers: DeadlineHandlers = {
    [KIND]: async (tx, deadline) => {
      await sql`insert into bench_fires (deadline_id) values (${deadline.id})`.execute(tx);
      fired += 1;
    },
  };
  const batchHandlers: DeadlineBatchHandlers = BATCH_HANDLER
    ? {
        [KIND]: async (tx, deadlines) => {
          await sql`insert into bench_fires (deadline_id) select unnest(${deadlines.map((d) => d.id)}::bigint[])`.execute(
            tx,
          );
          fired += deadlines.length;
          return [];
        },
      }
    : {};
  const runner = new DeadlineRunner({
    db: handle.db,
    clock: systemClock,
    handlers,
    batchHandlers,
    log,
    batchSize: BATCH_SIZE,
    manyBatchSize: MANY_BATCH_SIZE,
  });
  await sql`select 1`.execute(handle.db);
  const send = (message: WorkerMessage) => process.send?.(message);
  process.on('disconnect', () => process.exit(1));
  process.on('message', (message: string) => {
    if (message === 'go') runner.start();
    if (message === 'stop') {
      void (async () => {
        await runner.stop();
        await handle.close();
        send({ type: 'stopped', fired });
        process.disconnect();
      })();
    }
  });
  send({ type: 'ready' });
}

// ---- parent process -----------------------------------------------------------------------------

function startWorker(url: string): { child: ChildProcess; next: () => Promise<WorkerMessage> } {
  const child = fork(fileURLToPath(import.meta.url), ['worker'], {
    execArgv: ['--import', import.meta.resolve('tsx')],
    env: { ...process.env, BENCH_DB_URL: url },
  });
  const queue: WorkerMessage[] = [];
  const waiting: Array<(m: WorkerMessage) => void> = [];
  child.on('message', (m: WorkerMessage) => {
    const wake = waiting.shift();
    if (wake) wake(m);
    else queue.push(m);
  });
  const exited = new Promise<never>((_, reject) => {
    child.on('exit', (code) => reject(new Error(`bench worker exited early (code ${code})`)));
  });
  exited.catch(() => {});
  const next = () => {
    const queued = queue.shift();
    if (queued) return Promise.resolve(queued);
    return Promise.race([new Promise<WorkerMessage>((resolve) => waiting.push(resolve)), exited]);
  };
  return { child, next };
}

async function count(db: Db, query: RawBuilder<{ n: number }>): Promise<number> {
  const result = await query.execute(db);
  return Number(result.rows[0]!.n);
}

async function seed(db: Db): Promise<void> {
  await sql`create table bench_fires (deadline_id bigint primary key)`.execute(db);
  // Every tenth subject is due (spread over the past hour); the rest fall due in 1 to 25 hours.
  await sql`
    insert into deadlines (kind, subject_id, due_at)
    select ${KIND}, g,
           case when g % 10 = 0 then now() - (g % 3600) * interval '1 second'
                else now() + interval '1 hour' + (g % 86400) * interval '1 second' end
    from generate_series(1, ${PENDING}::int) g`.execute(db);
  await sql`vacuum analyze deadlines`.execute(db);
}

/** Puts the fired deadlines back to pending, as if never fired, for the next run. */
async function rearm(db: Db): Promise<void> {
  await sql`update deadlines set status = 'pending', fired_at = null where status = 'done'`.execute(db);
  await sql`truncate bench_fires`.execute(db);
  await sql`vacuum analyze deadlines`.execute(db);
}

async function fireOnce(db: Db, url: string, run: number): Promise<RunResult> {
  const workers = Array.from({ length: WORKERS }, () => startWorker(url));
  try {
    for (const w of workers) await w.next();
    const started = performance.now();
    for (const w of workers) w.child.send('go');
    // A due row still reads as pending until the batch that fired it commits.
    // (exists, not count: the watcher must not take CPU from the runners it measures.)
    const anyLeft = sql<{ n: number }>`
      select exists (select from deadlines where status = 'pending' and due_at <= now())::int as n`;
    while ((await count(db, anyLeft)) > 0) await new Promise((r) => setTimeout(r, POLL_MS));
    const seconds = (performance.now() - started) / 1000;

    const firedByWorker: number[] = [];
    for (const w of workers) {
      w.child.send('stop');
      const message = await w.next();
      if (message.type !== 'stopped') throw new Error(`unexpected worker message ${message.type}`);
      firedByWorker.push(message.fired);
    }
    const fires = await count(db, sql<{ n: number }>`select count(*) as n from bench_fires`);
    const doneWithFire = await count(
      db,
      sql<{ n: number }>`select count(*) as n from deadlines d join bench_fires f on f.deadline_id = d.id
          where d.status = 'done' and d.attempts = 0`,
    );
    const troubled = await count(
      db,
      sql<{
        n: number;
      }>`select count(*) as n from deadlines where attempts > 0 or status in ('failed', 'cancelled')`,
    );
    const handlerCalls = firedByWorker.reduce((a, b) => a + b, 0);
    const exactlyOnce = fires === DUE && doneWithFire === DUE && troubled === 0 && handlerCalls === DUE;
    const untouched = await count(
      db,
      sql<{ n: number }>`select count(*) as n from deadlines
          where status = 'pending' and attempts = 0 and fired_at is null and due_at > now()`,
    );
    const result: RunResult = {
      run,
      seconds: Math.round(seconds * 100) / 100,
      firedPerSec: Math.round(DUE / seconds),
      firedByWorker,
      exactlyOnce,
      notDueUntouched: untouched === PENDING - DUE,
    };
    console.log(
      `run ${run}: ${DUE.toLocaleString('en')} fired in ${result.seconds} s = ${result.firedPerSec.toLocaleString('en')}/s` +
        ` (by worker: ${firedByWorker.join(' + ')}; exactly once: ${exactlyOnce}; ` +
        `not-due untouched: ${untouched.toLocaleString('en')}/${(PENDING - DUE).toLocaleString('en')})`,
    );
    return result;
  } finally {
    for (const w of workers) if (w.child.exitCode === null) w.child.kill();
  }
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

async function main(): Promise<number> {
  const cleanups: Array<() => Promise<void>> = [];
  const cleanup = async () => {
    for (const step of cleanups.splice(0).reverse()) await step().catch((err) => console.error(err));
  };
  const watchdog = setTimeout(() => {
    console.error(`deadlines bench: over the ${TIME_LIMIT_MS / 60_000} min limit, giving up`);
    void cleanup().finally(() => process.exit(1));
  }, TIME_LIMIT_MS);
  process.once('SIGINT', () => void cleanup().finally(() => process.exit(130)));

  try {
    const url = await benchDatabase('deadlines', cleanups, (line) => console.log(line));
    const handle = connect(url, { max: 2, applicationName: 'deadlines-bench' });
    cleanups.push(() => handle.close());

    const seedStarted = performance.now();
    await seed(handle.db);
    const seedSeconds = (performance.now() - seedStarted) / 1000;
    console.log(
      `inserted ${PENDING.toLocaleString('en')} pending deadlines (${DUE.toLocaleString('en')} due) in ${seedSeconds.toFixed(1)} s`,
    );
    console.log(
      BATCH_HANDLER
        ? `${WORKERS} runner processes, a batch handler: one insert per claimed batch of ${MANY_BATCH_SIZE}`
        : `${WORKERS} runner processes, batch size ${BATCH_SIZE}, one insert per fired deadline`,
    );

    const runs: RunResult[] = [];
    for (let run = 1; run <= RUNS; run++) {
      if (run > 1) await rearm(handle.db);
      runs.push(await fireOnce(handle.db, url, run));
    }
    const summary = {
      scenario: 'deadlines',
      pending: PENDING,
      due: DUE,
      workers: WORKERS,
      batchSize: BATCH_SIZE,
      batchHandler: BATCH_HANDLER ? MANY_BATCH_SIZE : null,
      cpus: os.cpus().length,
      firedPerSec: median(runs.map((r) => r.firedPerSec)),
      exactlyOnce: runs.every((r) => r.exactlyOnce),
      notDueUntouched: runs.every((r) => r.notDueUntouched),
      runs,
    };
    console.log(`median: ${summary.firedPerSec.toLocaleString('en')} deadlines fired per second`);
    console.log(JSON.stringify(summary));
    return summary.exactlyOnce && summary.notDueUntouched ? 0 : 1;
  } finally {
    clearTimeout(watchdog);
    await cleanup();
  }
}

if (process.argv[2] === 'worker') {
  await worker(process.env.BENCH_DB_URL!);
} else {
  process.exitCode = await main();
}
