// Scale-out on one machine (issue 20): the test topology (server/topology: a primary and a streaming
// replica, PgBouncer, NATS JetStream, HAProxy in front of N api processes and a worker) with 1, 2 and 3
// api processes. For each: checkout through HAProxy (spread over many SKUs, then a flash sale of one
// SKU: paid orders/s, p50/p99, oversold), and live fan-out (comments posted through HAProxy, delivered
// to viewers whose streams HAProxy spreads over the api processes: deliveries/s, comment → viewer
// p50/p99). CPU seconds per process (api, worker, PostgreSQL primary and replica, PgBouncer, NATS,
// HAProxy, this load generator) from /proc for each phase. Then the same live load with the events
// carried by PostgreSQL LISTEN/NOTIFY instead of NATS.
// `npm run bench:scale`; BENCH_QUICK=1 for a smoke run; the last line is a JSON summary.
import { randomBytes } from 'node:crypto';
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { sql } from 'kysely';
import { Pool } from 'undici';
import { accounts, balanceOf, checkLedger } from '../../server/src/modules/ledger/index.ts';
import { connect, type Db } from '../../server/src/platform/db.ts';
import { startTopology, type Topology } from '../../server/topology/index.ts';
import { buyersWithTokens } from './lib/buyers.ts';
import { openEventStream } from './lib/event-stream.ts';
import { pidListeningOn, portOf, processTreeMs } from './lib/listening-process.ts';
import { openBenchLiveRoom } from './lib/live-room.ts';
import { median, percentile, round } from './lib/stats.ts';

const QUICK = process.env.BENCH_QUICK === '1';
const env = (name: string, full: string, quick: string) => process.env[name] ?? (QUICK ? quick : full);
const API_COUNTS = env('BENCH_APIS', '1,2,3', '2').split(',').map(Number);
const WORKERS = Number(env('BENCH_WORKERS', '1', '1'));
/** BENCH_COMPARE=0 skips the LISTEN/NOTIFY run (skipped in quick mode unless BENCH_COMPARE=1). */
const COMPARE = env('BENCH_COMPARE', '1', '0') === '1';
const CONCURRENCY = Number(env('BENCH_CONCURRENCY', '128', '64'));
const CHECKOUT_SECONDS = Number(env('BENCH_SECONDS', '10', '3'));
const FLASH_STOCK = Number(env('BENCH_FLASH_STOCK', '10000', '500'));
const VIEWERS = Number(env('BENCH_VIEWERS', '1000', '60'));
const COMMENT_RATE = Number(env('BENCH_COMMENT_RATE', '20', '10'));
const LIVE_SECONDS = Number(env('BENCH_LIVE_SECONDS', '10', '3'));
const SPREAD_SKUS = 1_200;
const BUYERS = Number(env('BENCH_BUYERS', '2000', '300'));
/** BENCH_PGBOUNCER=0 / BENCH_REPLICA=0: the topology without PgBouncer / the replica, to see what each costs. */
const PGBOUNCER = process.env.BENCH_PGBOUNCER !== '0';
const REPLICA = process.env.BENCH_REPLICA !== '0';

const loadAverage = () => round(os.loadavg()[0]!, 2);

// ---------------------------------------------------------------------------------------------- CPU

/** Where each process of a topology is, to read its CPU time from /proc. */
interface Processes {
  /** label → pid: api-1…, worker-1…, postgres, replica, pgbouncer, nats, haproxy */
  pids: Map<string, number>;
}

function locate(topo: Topology): Processes {
  const pids = new Map<string, number>();
  for (const p of [...topo.apis, ...topo.workers]) pids.set(p.name, p.pid);
  const byPort = (label: string, url: string | undefined) => {
    if (!url) return;
    const pid = pidListeningOn(portOf(url));
    if (pid) pids.set(label, pid);
    else console.warn(`  (no process found listening for ${label} at ${url}: its CPU is not counted)`);
  };
  byPort('postgres', topo.primaryUrl);
  byPort('replica', topo.replicaUrl);
  byPort('pgbouncer', topo.bouncerUrl);
  byPort('nats', topo.natsUrl);
  byPort('haproxy', topo.url);
  return { pids };
}

type CpuSample = Map<string, number>;

function sampleCpu(procs: Processes): CpuSample {
  const sample: CpuSample = new Map();
  for (const [label, pid] of procs.pids) sample.set(label, processTreeMs(pid));
  const self = process.cpuUsage();
  sample.set('bench', (self.user + self.system) / 1000);
  return sample;
}

/** CPU seconds per process between two samples, and their sum. */
function cpuBetween(before: CpuSample, after: CpuSample): Record<string, number> {
  const out: Record<string, number> = {};
  let total = 0;
  for (const [label, ms] of after) {
    const s = (ms - (before.get(label) ?? 0)) / 1000;
    out[label] = round(s, 2);
    if (label !== 'bench') total += s;
  }
  out.servers = round(total, 2);
  return out;
}

const cpuLine = (cpu: Record<string, number>, seconds: number) =>
  Object.entries(cpu)
    .map(([k, v]) => `${k} ${v} s (${round((v / seconds) * 100, 0)}%)`)
    .join(', ');

// ------------------------------------------------------------------------------------------- seeding

async function seed(db: Db) {
  const category = await db
    .insertInto('categories')
    .values({ name: '压测类目', nameEn: 'bench', commissionBp: 500, depositFen: 0 })
    .returning('id')
    .executeTakeFirstOrThrow();
  const owners = await db
    .insertInto('users')
    .values(
      Array.from({ length: 10 }, (_, i) => ({
        kind: 'merchant' as const,
        login: `bench-m${i}`,
        displayName: `m${i}`,
        phone: null,
        passwordHash: 'bench-no-login',
      })),
    )
    .returning('id')
    .execute();
  const shops = await db
    .insertInto('shops')
    .values(
      owners.map((o, i) => ({
        name: `压测店铺${i}`,
        type: 'enterprise' as const,
        ownerUserId: o.id,
        mainCategoryId: category.id,
        state: 'active' as const,
      })),
    )
    .returning('id')
    .execute();
  // one flash-sale SKU per api count (a fresh one each time), after the spread ones
  await sql`
    insert into products (shop_id, category_id, title, state)
    select (${shops.map((s) => s.id)}::bigint[])[1 + (g % ${shops.length})], ${category.id}, '压测商品' || g, 'listed'
    from generate_series(1, ${SPREAD_SKUS + 1}) g`.execute(db);
  await sql`
    insert into skus (product_id, code, spec, price_fen, stock)
    select id, 'S' || id, '默认', 1000 + (id % 50) * 100, 10000000 from products`.execute(db);
  const skus = (await db.selectFrom('skus').select('id').orderBy('id').execute()).map((s) => s.id);
  const { tokens } = await buyersWithTokens(db, BUYERS);
  const session = await openBenchLiveRoom(db);
  return {
    spreadSkus: skus.slice(0, SPREAD_SKUS),
    flashSku: skus[SPREAD_SKUS]!,
    tokens,
    sessionId: session.sessionId,
  };
}
type Seeded = Awaited<ReturnType<typeof seed>>;

// ------------------------------------------------------------------------------------------ checkout

interface Load {
  paid: number;
  refused: number;
  errors: number;
  latencies: number[];
  lastPaidAt: number;
}

/** `CONCURRENCY` buyers each send one-call checkouts (order + sandbox payment) back to back until `until()`. */
async function drive(
  pool: Pool,
  tokens: string[],
  pickSku: () => number,
  until: (load: Load) => boolean,
): Promise<Load> {
  const load: Load = { paid: 0, refused: 0, errors: 0, latencies: [], lastPaidAt: 0 };
  let seq = 0;
  const worker = async (w: number) => {
    while (!until(load)) {
      const token = tokens[(w * 997 + seq++) % tokens.length]!;
      const started = performance.now();
      let status = 0;
      let json: { payment?: { state?: string } } = {};
      try {
        const res = await pool.request({
          method: 'POST',
          path: '/api/v1/checkout',
          headers: {
            authorization: `Bearer ${token}`,
            'content-type': 'application/json',
            'idempotency-key': `s-${w}-${seq}-${randomBytes(4).toString('hex')}`,
          },
          body: JSON.stringify({ items: [{ skuId: pickSku(), quantity: 1 }], pay: { method: 'sandbox' } }),
        });
        status = res.statusCode;
        json = (await res.body.json()) as typeof json;
      } catch (error) {
        json = { payment: { state: String(error) } };
      }
      const ms = performance.now() - started;
      if (status === 201 && json.payment?.state === 'succeeded') {
        load.paid++;
        load.latencies.push(ms);
        load.lastPaidAt = performance.now();
      } else if (status === 409) load.refused++;
      else {
        load.errors++;
        if (load.errors <= 3)
          console.warn(`  unexpected answer ${status}: ${JSON.stringify(json).slice(0, 300)}`);
      }
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, (_, w) => worker(w)));
  load.latencies.sort((a, b) => a - b);
  return load;
}

interface CheckoutResult {
  ordersPerSec: number;
  p50Ms: number;
  p99Ms: number;
  errors: number;
  seconds: number;
  cpu: Record<string, number>;
  /** Server-side CPU (every process but the load generator) per paid order, ms. */
  cpuMsPerOrder: number;
}

async function checkout(
  topo: Topology,
  procs: Processes,
  db: Db,
  data: Seeded,
): Promise<{ spread: CheckoutResult; flash: CheckoutResult & { sold: number; oversold: number } }> {
  const pool = new Pool(topo.url, { connections: CONCURRENCY, pipelining: 1 });
  try {
    const spreadSku = () => data.spreadSkus[Math.floor(Math.random() * data.spreadSkus.length)]!;
    // warm-up: every api process compiles its routes and fills its caches
    await drive(pool, data.tokens, spreadSku, (l) => l.paid + l.errors >= (QUICK ? 300 : 1_500));

    const result = (load: Load, seconds: number, before: CpuSample): CheckoutResult => {
      const cpu = cpuBetween(before, sampleCpu(procs));
      return {
        ordersPerSec: round(load.paid / seconds),
        p50Ms: round(percentile(load.latencies, 50)),
        p99Ms: round(percentile(load.latencies, 99)),
        errors: load.errors,
        seconds: round(seconds, 2),
        cpu,
        cpuMsPerOrder: round(((cpu.servers ?? 0) * 1000) / Math.max(1, load.paid), 2),
      };
    };

    let before = sampleCpu(procs);
    let started = performance.now();
    const end = started + CHECKOUT_SECONDS * 1000;
    const spreadLoad = await drive(pool, data.tokens, spreadSku, () => performance.now() >= end);
    const spread = result(spreadLoad, (performance.now() - started) / 1000, before);

    await db.updateTable('skus').set({ stock: FLASH_STOCK }).where('id', '=', data.flashSku).execute();
    before = sampleCpu(procs);
    started = performance.now();
    let soldOutAt = 0;
    const flashLoad = await drive(
      pool,
      data.tokens,
      () => data.flashSku,
      (l) => {
        if (l.paid >= FLASH_STOCK && soldOutAt === 0) soldOutAt = performance.now();
        // keep pushing for a moment after the stock is gone: late buyers must all be refused
        return (
          (soldOutAt > 0 && performance.now() - soldOutAt > 1_000) ||
          l.errors > 1_000 ||
          performance.now() - started > 120_000
        );
      },
    );
    const flashSeconds = (flashLoad.lastPaidAt - started) / 1000;
    const flashBase = result(flashLoad, flashSeconds, before);
    const sold = await sql<{ n: number }>`
      select coalesce(sum(l.quantity), 0)::int as n from order_lines l join orders o on o.id = l.order_id
      where l.sku_id = ${data.flashSku} and o.state <> 'cancelled'`.execute(db);
    const stock = await db
      .selectFrom('skus')
      .select('stock')
      .where('id', '=', data.flashSku)
      .executeTakeFirstOrThrow();
    const soldUnits = sold.rows[0]!.n;
    return {
      spread,
      flash: {
        ...flashBase,
        sold: soldUnits,
        oversold: Math.max(0, soldUnits - FLASH_STOCK, -stock.stock),
      },
    };
  } finally {
    await pool.close();
  }
}

// -------------------------------------------------------------------------------------- live fan-out

interface LiveResult {
  viewers: number;
  /** Open viewer streams of each api process (its `xinren_live_viewers` gauge): how HAProxy spread them. */
  viewersPerApi: Array<number | null>;
  commentsPerSec: number;
  posted: number;
  /** Deliveries seen / (comments × viewers). */
  delivered: number;
  deliveriesPerSec: number;
  /** null when no comment reached a viewer */
  p50Ms: number | null;
  p99Ms: number | null;
  maxMs: number | null;
  postP50Ms: number;
  seconds: number;
  cpu: Record<string, number>;
  /** Server-side CPU per delivered comment event, µs (null when nothing was delivered). */
  cpuUsPerDelivery: number | null;
}

/** An api process's open viewer streams, from its /metrics (null when it does not say). */
async function openViewers(apiUrl: string): Promise<number | null> {
  try {
    const text = await (await fetch(`${apiUrl}/metrics`)).text();
    const m = /^xinren_live_viewers(?:\{[^}]*\})? (\d+)/m.exec(text);
    return m ? Number(m[1]) : null;
  } catch {
    return null;
  }
}

async function liveFanOut(
  topo: Topology,
  procs: Processes,
  data: Seeded,
  runNo: number,
): Promise<LiveResult> {
  // one connection per stream through HAProxy, which spreads them round robin over the api processes
  const pool = new Pool(topo.url, {
    connections: VIEWERS + 64,
    pipelining: 0,
    bodyTimeout: 0,
    headersTimeout: 0,
  });
  const sentAt = new Map<string, number>();
  const latencies: number[] = [];
  let deliveries = 0;
  const streams: Array<{ close(): void }> = [];
  try {
    for (let i = 0; i < VIEWERS; i += 50) {
      const batch = Array.from({ length: Math.min(50, VIEWERS - i) }, () =>
        openEventStream(pool, `/api/v1/live/sessions/${data.sessionId}/events`, (name, body, at) => {
          if (name !== 'comment') return;
          const sent = sentAt.get((body as { text: string }).text);
          if (sent === undefined) return; // an earlier run's comment
          deliveries++;
          latencies.push(at - sent);
        }),
      );
      streams.push(...(await Promise.all(batch)));
    }
    const viewersPerApi = await Promise.all(topo.apis.map((api) => openViewers(api.url)));
    const posts: Promise<void>[] = [];
    const postLatencies: number[] = [];
    let posted = 0;
    let refused = 0;
    const total = Math.round(COMMENT_RATE * LIVE_SECONDS);
    const before = sampleCpu(procs);
    const started = performance.now();
    for (let n = 0; n < total; n++) {
      const wait = started + (n * 1000) / COMMENT_RATE - performance.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      const text = `第${runNo}轮 评论${n} 主播好`;
      const token = data.tokens[(runNo * total + n) % data.tokens.length]!;
      const sent = performance.now();
      sentAt.set(text, sent);
      posts.push(
        pool
          .request({
            method: 'POST',
            path: `/api/v1/live/sessions/${data.sessionId}/comments`,
            headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
            body: JSON.stringify({ text }),
          })
          .then(async (res) => {
            const body = (await res.body.json()) as { state?: string };
            postLatencies.push(performance.now() - sent);
            if (res.statusCode === 201 && body.state === 'visible') posted++;
            else if (++refused <= 3)
              console.warn(`  comment not visible: ${res.statusCode} ${JSON.stringify(body)}`);
          }),
      );
    }
    await Promise.all(posts);
    const expected = posted * VIEWERS;
    const settleBy = performance.now() + 10_000;
    while (deliveries < expected && performance.now() < settleBy) await new Promise((r) => setTimeout(r, 50));
    const seconds = (performance.now() - started) / 1000;
    const cpu = cpuBetween(before, sampleCpu(procs));
    latencies.sort((a, b) => a - b);
    postLatencies.sort((a, b) => a - b);
    return {
      viewers: VIEWERS,
      viewersPerApi,
      commentsPerSec: COMMENT_RATE,
      posted,
      delivered: expected ? round(deliveries / expected, 4) : 0,
      deliveriesPerSec: round(deliveries / seconds),
      p50Ms: latencies.length ? round(percentile(latencies, 50)) : null,
      p99Ms: latencies.length ? round(percentile(latencies, 99)) : null,
      maxMs: latencies.length ? round(latencies.at(-1)!) : null,
      postP50Ms: round(percentile(postLatencies, 50)),
      seconds: round(seconds, 2),
      cpu,
      cpuUsPerDelivery: deliveries > 0 ? round(((cpu.servers ?? 0) * 1e6) / deliveries, 1) : null,
    };
  } finally {
    for (const s of streams) s.close();
    await pool.destroy();
  }
}

// ------------------------------------------------------------------------------------------- a round

interface Round {
  apis: number;
  workers: number;
  bus: 'nats' | 'postgres';
  startSeconds: number;
  checkout?: Awaited<ReturnType<typeof checkout>>;
  live: LiveResult;
  ledgerBalanced: boolean;
  loadAverage: [number, number];
}

async function round_(apis: number, bus: 'nats' | 'postgres', withCheckout: boolean): Promise<Round> {
  const loadBefore = loadAverage();
  console.log(
    `\n${apis} api process${apis > 1 ? 'es' : ''}, ${WORKERS} worker${WORKERS > 1 ? 's' : ''}, events over ${bus === 'nats' ? 'NATS' : 'PostgreSQL LISTEN/NOTIFY'} (load average ${loadBefore})`,
  );
  const t0 = performance.now();
  const topo = await startTopology({
    apis,
    workers: WORKERS,
    nats: bus === 'nats',
    replica: REPLICA,
    pgbouncer: PGBOUNCER,
    seed: false,
    // BENCH_COMMAND=dist: the built bundle (npm run build first), as `npm run start:prod`
    command: process.env.BENCH_COMMAND === 'dist' ? 'dist' : 'tsx',
    env: { LOG_LEVEL: 'warn' },
  });
  const startSeconds = round((performance.now() - t0) / 1000, 1);
  const handle = connect(topo.primaryUrl, { max: 4 });
  try {
    const procs = locate(topo);
    console.log(`  topology up in ${startSeconds} s: ${[...procs.pids.keys()].join(', ')}`);
    const data = await seed(handle.db);
    if (topo.replicaUrl) await topo.waitReplicaCaughtUp(30_000);

    let checkoutResult: Round['checkout'];
    if (withCheckout) {
      checkoutResult = await checkout(topo, procs, handle.db, data);
      const s = checkoutResult.spread;
      const f = checkoutResult.flash;
      console.log(
        `  checkout, spread: ${s.ordersPerSec} paid orders/s, p50 ${s.p50Ms} ms, p99 ${s.p99Ms} ms, errors ${s.errors}; CPU per order ${s.cpuMsPerOrder} ms`,
      );
      console.log(`    CPU over ${s.seconds} s: ${cpuLine(s.cpu, s.seconds)}`);
      console.log(
        `  checkout, flash sale: ${f.ordersPerSec} paid orders/s while stock lasted, sold ${f.sold}/${FLASH_STOCK}, oversold ${f.oversold}, p50 ${f.p50Ms} ms, p99 ${f.p99Ms} ms, errors ${f.errors}`,
      );
      console.log(`    CPU over ${f.seconds} s: ${cpuLine(f.cpu, f.seconds)}`);
    }
    const live = await liveFanOut(topo, procs, data, apis);
    console.log(
      `  live: ${live.viewers} viewers (${live.viewersPerApi.map((n) => n ?? '?').join(' + ')} on the api processes), ${live.commentsPerSec} comments/s: ${live.deliveriesPerSec} deliveries/s, delivered ${round(live.delivered * 100, 2)}%, ` +
        `comment → viewer p50 ${live.p50Ms} ms, p99 ${live.p99Ms} ms, max ${live.maxMs} ms; POST p50 ${live.postP50Ms} ms; CPU per delivery ${live.cpuUsPerDelivery} µs`,
    );
    console.log(`    CPU over ${live.seconds} s: ${cpuLine(live.cpu, live.seconds)}`);
    if (live.delivered < 1)
      console.warn(
        `  !! ${round((1 - live.delivered) * 100, 2)}% of comment deliveries never arrived (within 10 s of the last post)`,
      );

    const report = await checkLedger(handle.db);
    const escrow = await balanceOf(handle.db, accounts.escrow);
    const paid = await sql<{ n: string }>`
      select coalesce(sum(total_fen), 0)::bigint as n from orders where state = 'paid'`.execute(handle.db);
    const ledgerBalanced = report.ok && escrow === Number(paid.rows[0]!.n);
    console.log(
      `  ledger: ${report.entries} entries, ok ${report.ok}, escrow = paid orders: ${ledgerBalanced}`,
    );
    return {
      apis,
      workers: WORKERS,
      bus,
      startSeconds,
      ...(checkoutResult ? { checkout: checkoutResult } : {}),
      live,
      ledgerBalanced,
      loadAverage: [loadBefore, loadAverage()],
    };
  } finally {
    await handle.close();
    await topo.stop();
  }
}

async function main() {
  const loadAtStart = loadAverage();
  console.log(
    `scale-out benchmark${QUICK ? ' (quick)' : ''}: ${os.cpus().length} cores, load average ${loadAtStart}; ` +
      `api processes ${API_COUNTS.join(', ')}; checkout ${CONCURRENCY} buyers for ${CHECKOUT_SECONDS} s, flash sale of ${FLASH_STOCK}; ` +
      `live ${VIEWERS} viewers, ${COMMENT_RATE} comments/s for ${LIVE_SECONDS} s. Everything, this load generator included, shares the machine's cores.`,
  );
  const rounds: Round[] = [];
  for (const apis of API_COUNTS) rounds.push(await round_(apis, 'nats', true));
  // the same live load with the events carried by PostgreSQL, on as many api processes as the last round
  const busApis = API_COUNTS.at(-1)!;
  let notify: Round | undefined;
  if (COMPARE) notify = await round_(busApis, 'postgres', false);

  console.log('\nsummary');
  for (const r of rounds) {
    const c = r.checkout!;
    console.log(
      `  ${r.apis} api: checkout spread ${c.spread.ordersPerSec}/s (p99 ${c.spread.p99Ms} ms), flash ${c.flash.ordersPerSec}/s (oversold ${c.flash.oversold}); ` +
        `live ${r.live.deliveriesPerSec} deliveries/s, p50 ${r.live.p50Ms} ms, p99 ${r.live.p99Ms} ms`,
    );
  }
  const nats = rounds.find((r) => r.apis === busApis);
  if (notify && nats)
    console.log(
      `  live, ${busApis} api, same load: NATS p50 ${nats.live.p50Ms} / p99 ${nats.live.p99Ms} ms, PostgreSQL CPU ${nats.live.cpu.postgres ?? '?'} s; ` +
        `LISTEN/NOTIFY p50 ${notify.live.p50Ms} / p99 ${notify.live.p99Ms} ms, PostgreSQL CPU ${notify.live.cpu.postgres ?? '?'} s`,
    );
  const spreadRates = rounds.map((r) => r.checkout!.spread.ordersPerSec);
  console.log(
    JSON.stringify({
      benchmark: 'scale',
      quick: QUICK,
      cores: os.cpus().length,
      loadAverage: [loadAtStart, loadAverage()],
      settings: {
        concurrency: CONCURRENCY,
        checkoutSeconds: CHECKOUT_SECONDS,
        flashStock: FLASH_STOCK,
        viewers: VIEWERS,
        commentsPerSec: COMMENT_RATE,
        liveSeconds: LIVE_SECONDS,
        workers: WORKERS,
        pgbouncer: PGBOUNCER,
        replica: REPLICA,
      },
      spreadMedianOrdersPerSec: round(median(spreadRates)),
      oversold: Math.max(...rounds.map((r) => r.checkout!.flash.oversold)),
      ledgerBalanced: [...rounds, ...(notify ? [notify] : [])].every((r) => r.ledgerBalanced),
      rounds,
      ...(notify ? { listenNotify: notify } : {}),
    }),
  );
}

await main();
