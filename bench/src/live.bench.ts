// Live-room fan-out: two server processes share one database; viewers hold server-sent-event streams
// on both; buyers post comments through both. Measures how long a comment takes from the POST to each
// viewer (screening, decision, commit, NOTIFY, fan-out), and that every viewer gets every comment.
// `npm run bench:live`; the last line is a JSON summary.
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { Pool } from 'undici';
import { connect, type Db } from '../../server/src/platform/db.ts';
import { buyersWithTokens } from './lib/buyers.ts';
import { openEventStream } from './lib/event-stream.ts';
import { openBenchLiveRoom } from './lib/live-room.ts';
import { type ServerProcess, startServerProcess } from './lib/server-process.ts';
import { median, percentile, round } from './lib/stats.ts';

const VIEWER_STEPS = (process.env.BENCH_VIEWERS ?? '100,1000,2000').split(',').map(Number);
const COMMENTS_PER_SEC = Number(process.env.BENCH_COMMENT_RATE ?? 20);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const BUYERS = 2_000;

interface RunResult {
  viewers: number;
  posted: number;
  /** Deliveries seen / (comments × viewers). */
  delivered: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  postP50Ms: number;
}

async function seed(db: Db) {
  const session = await openBenchLiveRoom(db);
  const { tokens } = await buyersWithTokens(db, BUYERS, { login: 'bench-b', display: '观众' });
  return { sessionId: session.sessionId, tokens };
}

/** One viewer's stream: calls `onComment` with the text and arrival time of every comment event. */
function openViewer(
  pool: Pool,
  sessionId: number,
  onComment: (text: string, at: number) => void,
): Promise<{ close(): void }> {
  return openEventStream(pool, `/api/v1/live/sessions/${sessionId}/events`, (name, data, at) => {
    if (name === 'comment') onComment((data as { text: string }).text, at);
  });
}

async function run(
  servers: ServerProcess[],
  sessionId: number,
  tokens: string[],
  viewers: number,
  runNo: number,
): Promise<RunResult> {
  const pools = servers.map(
    (s) =>
      new Pool(s.baseUrl, { connections: viewers + 64, pipelining: 0, bodyTimeout: 0, headersTimeout: 0 }),
  );
  const sentAt = new Map<string, number>();
  const latencies: number[] = [];
  let deliveries = 0;
  const onComment = (text: string, at: number) => {
    const sent = sentAt.get(text);
    if (sent === undefined) return; // an earlier run's comment in the snapshot
    deliveries++;
    latencies.push(at - sent);
  };
  const streams = [];
  for (let i = 0; i < viewers; i += 50) {
    const batch = Array.from({ length: Math.min(50, viewers - i) }, (_, j) =>
      openViewer(pools[(i + j) % pools.length]!, sessionId, onComment),
    );
    streams.push(...(await Promise.all(batch)));
  }

  const posts: Promise<void>[] = [];
  const postLatencies: number[] = [];
  let posted = 0;
  let refused = 0;
  const total = COMMENTS_PER_SEC * SECONDS;
  const started = performance.now();
  for (let n = 0; n < total; n++) {
    const due = started + (n * 1000) / COMMENTS_PER_SEC;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    const text = `第${runNo}轮 评论${n} 主播好`;
    const token = tokens[(runNo * total + n) % tokens.length]!;
    const pool = pools[n % pools.length]!;
    const sent = performance.now();
    sentAt.set(text, sent);
    posts.push(
      pool
        .request({
          method: 'POST',
          path: `/api/v1/live/sessions/${sessionId}/comments`,
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
          body: JSON.stringify({ text }),
        })
        .then(async (res) => {
          const body = (await res.body.json()) as { state?: string };
          postLatencies.push(performance.now() - sent);
          if (res.statusCode === 201 && body.state === 'visible') posted++;
          else refused++;
        }),
    );
  }
  await Promise.all(posts);
  // let the last comments arrive
  const expected = posted * viewers;
  const settleBy = performance.now() + 10_000;
  while (deliveries < expected && performance.now() < settleBy) await new Promise((r) => setTimeout(r, 50));
  for (const s of streams) s.close();
  await Promise.all(pools.map((p) => p.destroy()));
  if (refused) console.warn(`  ${refused} comments were not posted visibly`);
  latencies.sort((a, b) => a - b);
  postLatencies.sort((a, b) => a - b);
  return {
    viewers,
    posted,
    delivered: expected ? deliveries / expected : 0,
    p50Ms: round(percentile(latencies, 50)),
    p99Ms: round(percentile(latencies, 99)),
    maxMs: round(latencies.at(-1) ?? 0),
    postP50Ms: round(percentile(postLatencies, 50)),
  };
}

async function main() {
  console.log(
    `live-room fan-out: ${os.cpus().length} cores, 2 server processes on one embedded PostgreSQL, ` +
      `${COMMENTS_PER_SEC} comments/s for ${SECONDS} s, ${RUNS} runs per step`,
  );
  const a = await startServerProcess();
  const b = await startServerProcess({ DATABASE_URL: a.databaseUrl, XINREN_DEADLINES: 'off' });
  const handle = connect(a.databaseUrl, { max: 4 });
  const summary: Record<string, unknown>[] = [];
  try {
    const { sessionId, tokens } = await seed(handle.db);
    let runNo = 0;
    for (const viewers of VIEWER_STEPS) {
      const runs: RunResult[] = [];
      for (let r = 0; r < RUNS; r++) {
        const result = await run([a, b], sessionId, tokens, viewers, runNo++);
        runs.push(result);
        console.log(
          `  ${viewers} viewers, run ${r + 1}: ${result.posted} comments, delivered ${round(result.delivered * 100, 2)}%, ` +
            `comment → viewer p50 ${result.p50Ms} ms, p99 ${result.p99Ms} ms, max ${result.maxMs} ms; POST p50 ${result.postP50Ms} ms`,
        );
      }
      summary.push({
        viewers,
        commentsPerSec: COMMENTS_PER_SEC,
        deliveriesPerSec: viewers * COMMENTS_PER_SEC,
        deliveredMin: Math.min(...runs.map((r) => r.delivered)),
        p50Ms: round(median(runs.map((r) => r.p50Ms))),
        p99Ms: round(median(runs.map((r) => r.p99Ms))),
        postP50Ms: round(median(runs.map((r) => r.postP50Ms))),
        runs: runs.map((r) => ({ p50Ms: r.p50Ms, p99Ms: r.p99Ms, delivered: r.delivered })),
      });
      const last = summary.at(-1)!;
      console.log(
        `${viewers} viewers: comment → viewer p50 ${last.p50Ms} ms, p99 ${last.p99Ms} ms (medians of ${RUNS}); ` +
          `deliveries: ${round((last.deliveredMin as number) * 100, 2)}% of comments × viewers in the worst run`,
      );
    }
  } finally {
    await handle.close();
    await b.stop();
    await a.stop();
  }
  console.log(JSON.stringify({ benchmark: 'live', steps: summary }));
}

await main();
