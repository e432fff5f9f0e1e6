// Webhook delivery throughput, end to end: the server (`xinren start`, its webhook runner on) runs in
// its own process on a fresh embedded PostgreSQL; this process runs a local receiver (node:http),
// registers a platform endpoint subscribed to order.paid, writes N events into the outbox in one
// statement, and times until the receiver has every event once. Every 50th request's signature is
// verified. `npm run bench:webhooks`; the last line is a JSON summary.
// BENCH_EVENTS (20,000), BENCH_RUNS (3), BENCH_RESOURCES (events spread over this many resources;
// default one each), BENCH_RECEIVER_DELAY_MS (the receiver's answer time, default 0).
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { sql } from 'kysely';
import { verifyWebhook } from '../../sdk/src/webhooks.ts';
import { connect } from '../../server/src/platform/db.ts';
import { treeCpu } from './lib/process-cpu.ts';
import { startServerProcess } from './lib/server-process.ts';
import { median, percentile, round } from './lib/stats.ts';

const EVENTS = Number(process.env.BENCH_EVENTS ?? 20_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const RESOURCES = Number(process.env.BENCH_RESOURCES ?? EVENTS);
const RECEIVER_DELAY_MS = Number(process.env.BENCH_RECEIVER_DELAY_MS ?? 0);
const TIME_LIMIT_MS = 10 * 60_000;
const SECRET = `whsec_${Buffer.alloc(24, 7).toString('base64')}`;

interface RunResult {
  run: number;
  seconds: number;
  deliveriesPerSec: number;
  /** From the event's commit to its first arrival at the receiver. */
  endToEndP50Ms: number;
  endToEndP99Ms: number;
  /** The engine's measured attempt time (request to answer), from webhook_attempts. */
  attemptP50Ms: number;
  attemptP99Ms: number;
  duplicates: number;
  allSucceeded: boolean;
}

const loadAverage = () => round(os.loadavg()[0]!, 2);

async function main() {
  const loadAtStart = loadAverage();
  const server = await startServerProcess();
  const handle = connect(server.databaseUrl, { max: 2, applicationName: 'webhooks-bench' });
  const db = handle.db;
  let received = 0;
  let bad = 0;
  const firstArrival = new Map<string, number>();
  const receiver = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const at = performance.now();
      received += 1;
      const id = String(req.headers['webhook-id']);
      if (!firstArrival.has(id)) firstArrival.set(id, at);
      if (received % 50 === 0) {
        try {
          verifyWebhook(SECRET, req.headers, Buffer.concat(chunks).toString('utf8'));
        } catch {
          bad += 1;
        }
      }
      const answer = () => {
        res.writeHead(204);
        res.end();
      };
      if (RECEIVER_DELAY_MS > 0) setTimeout(answer, RECEIVER_DELAY_MS);
      else answer();
    });
  });
  receiver.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  const receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
  const results: RunResult[] = [];
  const cpuBefore = treeCpu(server.child.pid!, server.dataDir);
  try {
    const now = new Date();
    await db
      .insertInto('webhookEndpoints')
      .values({
        shopId: null,
        url: receiverUrl,
        eventTypes: ['order.paid'],
        state: 'enabled',
        disabledReason: null,
        secret: SECRET,
        previousSecret: null,
        previousSecretExpiresAt: null,
        createdBy: 0,
        createdAt: now,
        updatedAt: now,
        deletedAt: null,
      })
      .execute();

    for (let run = 1; run <= RUNS; run++) {
      firstArrival.clear();
      received = 0;
      const committedAt = new Map<string, number>();
      const ids = await sql<{ id: number; eventId: string }>`
        insert into outbox_events (type, version, shop_id, resource, data)
        select 'order.paid', 1, null, 'order:' || (${run * 10_000_000} + g % ${RESOURCES}),
               jsonb_build_object('orderId', g, 'groupId', g, 'totalFen', 9900, 'paidAt', now())
        from generate_series(1, ${EVENTS}::int) g
        returning id, event_id`.execute(db);
      const firstId = Math.min(...ids.rows.map((r) => r.id));
      const start = performance.now();
      for (const { eventId } of ids.rows) committedAt.set(eventId, start);
      while (firstArrival.size < EVENTS) {
        if (performance.now() - start > TIME_LIMIT_MS)
          throw new Error(`run ${run}: ${firstArrival.size} of ${EVENTS} arrived`);
        await new Promise((r) => setTimeout(r, 20));
      }
      const seconds = (Math.max(...firstArrival.values()) - start) / 1000;
      // the runner records a batch after its last answer: wait for the log to catch up
      let open = 1;
      for (let i = 0; i < 200 && open > 0; i++) {
        open = Number(
          (
            await sql<{
              n: number;
            }>`select count(*) as n from webhook_deliveries where state <> 'succeeded'`.execute(db)
          ).rows[0]!.n,
        );
        if (open > 0) await new Promise((r) => setTimeout(r, 50));
      }
      const latencies = [...firstArrival.entries()]
        .map(([id, at]) => at - committedAt.get(id)!)
        .sort((a, b) => a - b);
      const attempts = (
        await sql<{ ms: number }>`
          select a.latency_ms as ms from webhook_attempts a
          join webhook_deliveries d on d.id = a.delivery_id
          where d.outbox_id >= ${firstId}
          order by 1`.execute(db)
      ).rows.map((r) => r.ms);
      const result: RunResult = {
        run,
        seconds: round(seconds, 2),
        deliveriesPerSec: round(EVENTS / seconds, 0),
        endToEndP50Ms: round(percentile(latencies, 50), 0),
        endToEndP99Ms: round(percentile(latencies, 99), 0),
        attemptP50Ms: percentile(attempts, 50),
        attemptP99Ms: percentile(attempts, 99),
        duplicates: received - EVENTS,
        allSucceeded: open === 0,
      };
      results.push(result);
      console.log(
        `run ${run}: ${EVENTS} deliveries in ${result.seconds} s = ${result.deliveriesPerSec}/s; ` +
          `event → receiver p50 ${result.endToEndP50Ms} ms, p99 ${result.endToEndP99Ms} ms; ` +
          `attempt p50 ${result.attemptP50Ms} ms, p99 ${result.attemptP99Ms} ms; duplicates ${result.duplicates}; ` +
          `all succeeded ${result.allSucceeded}`,
      );
    }
  } finally {
    const cpuAfter = treeCpu(server.child.pid!, server.dataDir);
    await handle.close();
    await new Promise<void>((resolve) => {
      receiver.closeAllConnections();
      receiver.close(() => resolve());
    });
    await server.stop();
    const delivered = results.length * EVENTS;
    if (delivered > 0)
      console.log(
        `CPU per delivery: server ${round((cpuAfter.rootMs - cpuBefore.rootMs) / delivered, 3)} ms, ` +
          `PostgreSQL ${round((cpuAfter.childrenMs - cpuBefore.childrenMs) / delivered, 3)} ms`,
      );
  }
  const rates = results.map((r) => r.deliveriesPerSec);
  console.log(
    JSON.stringify({
      scenario: 'webhooks',
      events: EVENTS,
      resources: RESOURCES,
      receiverDelayMs: RECEIVER_DELAY_MS,
      deliveriesPerSec: median(rates),
      runs: rates,
      endToEndP50Ms: median(results.map((r) => r.endToEndP50Ms)),
      endToEndP99Ms: median(results.map((r) => r.endToEndP99Ms)),
      attemptP50Ms: median(results.map((r) => r.attemptP50Ms)),
      attemptP99Ms: median(results.map((r) => r.attemptP99Ms)),
      duplicates: results.reduce((s, r) => s + r.duplicates, 0),
      badSignatures: bad,
      allSucceeded: results.every((r) => r.allSucceeded),
      loadAverage: [loadAtStart, loadAverage()],
    }),
  );
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
