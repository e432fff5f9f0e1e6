// After-sales benchmark (issue 4), `npm run bench:aftersales`; the last line of output is a JSON summary.
//
// Part A, over HTTP: the real server in its own process on a fresh embedded PostgreSQL; paid orders
// (and delivered ones) are made through the API first, then buyers open requests that the rules decide
// within the request: 极速退款 (refund_only_unshipped below ¥300 → refunded) and 闪电退货 (no-reason
// return_refund up to ¥1,000 → awaiting_return). Latency per request, at fixed concurrencies.
//
// Part B, the deadlines: 100,000 after-sales requests whose deadlines have passed, fired by the real
// handlers in runner processes racing over one PostgreSQL; every default action must happen once.
import { type ChildProcess, fork } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { Pool } from 'undici';
import {
  aftersalesDeadlineBatchHandlers,
  aftersalesDeadlineHandlers,
} from '../../server/src/modules/aftersales/index.ts';
import { accounts, balanceOf, checkLedger } from '../../server/src/modules/ledger/index.ts';
import {
  EXECUTE_REFUND,
  paymentDeadlineHandlers,
  paymentProvider,
} from '../../server/src/modules/payments/index.ts';
import { systemClock } from '../../server/src/platform/clock.ts';
import { connect, type Db } from '../../server/src/platform/db.ts';
import {
  type DeadlineBatchHandlers,
  type DeadlineHandlers,
  DeadlineRunner,
} from '../../server/src/platform/scheduler/index.ts';
import { defaultSettings } from '../../server/src/platform/settings.ts';
import {
  arm,
  type Backlog,
  checkRun,
  MIX_SHARE,
  mixOf,
  REQUEST_DEADLINE,
  writeBacklog,
} from './lib/aftersales-backlog.ts';
import { benchDatabase } from './lib/bench-database.ts';
import { buyersWithTokens, tokensFor } from './lib/buyers.ts';
import { treeCpu } from './lib/process-cpu.ts';
import { startServerProcess } from './lib/server-process.ts';
import { median, percentile, round } from './lib/stats.ts';

const PARTS = (process.env.BENCH_PART ?? 'a,b').split(',');
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
// part A
const CONCURRENCIES = (process.env.BENCH_CONCURRENCY ?? '16,64').split(',').map(Number);
const REQUESTS_PER_RUN = Number(process.env.BENCH_REQUESTS ?? 1_000);
const WARMUP = 300;
// requests one at a time before the runs: the service time without queueing
const PROBE = 100;
const SHOPS_A = 1_000;
const BUYERS_A = 6_000;
const SETUP_CONCURRENCY = 64;
// part B
const DUE = Number(process.env.BENCH_DUE ?? 100_000);
const WORKERS = Number(process.env.BENCH_WORKERS ?? 2);
const BATCH_SIZE = Number(process.env.BENCH_BATCH ?? 50);
// Deadlines of a kind with a batch handler claimed per transaction (the runner's manyBatchSize).
const MANY_BATCH_SIZE = Number(process.env.BENCH_MANY_BATCH ?? 500);
// BENCH_ONE_BY_ONE=1: the after-sales deadlines through their per-deadline handler only (as before issue 18).
const ONE_BY_ONE = process.env.BENCH_ONE_BY_ONE === '1';
// Refund payouts run after each run, apart: batches of refunds from two runners deadlock on the
// escrow and provider balance buckets (seen in the first version of this benchmark).
const PAYOUT_WORKERS = Number(process.env.BENCH_PAYOUT_WORKERS ?? 1);
// Runs whose refunds are paid out (the first ones): one is enough to check the money, and keeps the
// benchmark short; the later runs' refunds stay pending (they are separate deadlines, not counted).
const PAYOUT_RUNS = Number(process.env.BENCH_PAYOUT_RUNS ?? 1);
const SHOPS_B = Number(process.env.BENCH_SHOPS ?? 1_000);
const BUYERS_B = 20_000;
const POLL_MS = 100;
const TIME_LIMIT_MS = 20 * 60_000;
const V = '/api/v1';

const log = {
  warn: (details: object, message: string) => console.warn(message, details),
  error: (details: object, message: string) => console.error(message, details),
};
const ms = (n: number) => `${round(n)} ms`;
const sleep = (n: number) => new Promise((r) => setTimeout(r, n));
/** The 1-minute load average: the box is shared, so each figure says how busy it was. */
const load1 = () => round(os.loadavg()[0]!, 1);

// ==== part A: automated decisions over HTTP ========================================================

interface OrderRef {
  orderId: number;
  lineId: number;
  shopId: number;
  lineFen: number;
  token: string;
}

interface Shop {
  id: number;
  token: string;
}

/** Shops (owners signed in), one listed product each below ¥300 in a 7-day-returns category, buyers. */
async function seedShopsAndBuyers(db: Db) {
  const category = await db
    .insertInto('categories')
    .values({
      name: '售后压测类目',
      nameEn: 'after-sales bench',
      commissionBp: 500,
      depositFen: 0,
      defaultGuarantees: ['no_reason_7d'],
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const users = (kind: 'merchant', n: number) =>
    db
      .insertInto('users')
      .values(
        Array.from({ length: n }, (_, i) => ({
          kind,
          login: `as-bench-${kind}-${i}`,
          displayName: `${kind} ${i}`,
          phone: null,
          passwordHash: 'bench-no-login',
        })),
      )
      .returning('id')
      .execute();
  const owners = await users('merchant', SHOPS_A);
  const shopRows = await db
    .insertInto('shops')
    .values(
      owners.map((o, i) => ({
        name: `售后压测店铺${i}`,
        type: 'enterprise' as const,
        ownerUserId: o.id,
        mainCategoryId: category.id,
        state: 'active' as const,
      })),
    )
    .returning(['id', 'ownerUserId'])
    .execute();
  await db
    .insertInto('shopMembers')
    .values(shopRows.map((s) => ({ shopId: s.id, userId: s.ownerUserId, role: 'owner' as const })))
    .execute();
  const ownerTokens = await tokensFor(
    db,
    shopRows.map((s) => s.ownerUserId),
  );
  const shops = new Map<number, Shop>(shopRows.map((s, i) => [s.id, { id: s.id, token: ownerTokens[i]! }]));
  await sql`
    insert into products (shop_id, category_id, title, state)
    select id, ${category.id}, '压测商品' || id, 'listed' from shops where id = any(${[...shops.keys()]}::bigint[])`.execute(
    db,
  );
  // ¥19.00 to ¥214.00: below the instant-refund limit of ¥300, and the lightning-return one of ¥1,000
  await sql`
    insert into skus (product_id, code, spec, price_fen, stock)
    select id, 'S' || id, '默认', 1900 + (id % 44) * 500, 10000000 from products`.execute(db);
  const skus = (await db.selectFrom('skus').select('id').orderBy('id').execute()).map((s) => s.id);
  // each buyer with a default delivery address: checkout asks for one (product rules §9)
  const buyer = await buyersWithTokens(db, BUYERS_A, { login: 'as-bench-buyer-', display: 'buyer ' });
  return { shops, skus, buyerTokens: new Map(buyer.ids.map((id, i) => [id, buyer.tokens[i]!])) };
}

async function post(pool: Pool, token: string, url: string, body: unknown, key?: string) {
  const res = await pool.request({
    method: 'POST',
    path: url,
    headers: {
      authorization: `Bearer ${token}`,
      'content-type': 'application/json',
      ...(key ? { 'idempotency-key': key } : {}),
    },
    body: JSON.stringify(body),
  });
  return { status: res.statusCode, body: (await res.body.json()) as any };
}

/** Runs `work` over `items` with `concurrency` callers in flight. */
async function fanOut<T>(items: T[], concurrency: number, work: (item: T, worker: number) => Promise<void>) {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(concurrency, items.length) }, async (_, w) => {
      while (next < items.length) await work(items[next++]!, w);
    }),
  );
}

/** `count` paid orders through the API (checkout with pay-at-checkout, sandbox): setup, not measured. */
async function paidOrders(
  pool: Pool,
  db: Db,
  seeded: Awaited<ReturnType<typeof seedShopsAndBuyers>>,
  count: number,
): Promise<OrderRef[]> {
  const buyers = [...seeded.buyerTokens.entries()];
  const groups: number[] = [];
  let failures = 0;
  await fanOut(
    Array.from({ length: count }, (_, i) => i),
    SETUP_CONCURRENCY,
    async (i) => {
      const [, token] = buyers[i % buyers.length]!;
      const skuId = seeded.skus[Math.floor(Math.random() * seeded.skus.length)]!;
      const res = await post(
        pool,
        token,
        `${V}/checkout`,
        { items: [{ skuId, quantity: 1 }], pay: { method: 'sandbox' } },
        `as-co-${i}-${randomBytes(4).toString('hex')}`,
      );
      if (res.status === 201 && res.body.payment?.state === 'succeeded') groups.push(res.body.groupId);
      else if (++failures <= 3)
        console.warn(`checkout answered ${res.status}: ${JSON.stringify(res.body).slice(0, 300)}`);
    },
  );
  if (failures > 0) throw new Error(`${failures} checkouts failed during setup`);
  const rows = await db
    .selectFrom('orders as o')
    .innerJoin('orderLines as l', 'l.orderId', 'o.id')
    .select(['o.id as orderId', 'l.id as lineId', 'o.shopId', 'o.buyerId', 'l.lineFen', 'o.state'])
    .where('o.groupId', 'in', groups)
    .orderBy('o.id')
    .execute();
  if (rows.length !== count || rows.some((r) => r.state !== 'paid'))
    throw new Error(`expected ${count} paid single-line orders, found ${rows.length}`);
  return rows.map((r) => ({ ...r, token: seeded.buyerTokens.get(r.buyerId)! }));
}

/** Shipped by the shop, then picked up and delivered by the sandbox carrier: setup, not measured. */
async function deliver(pool: Pool, shops: Map<number, Shop>, orders: OrderRef[]) {
  let failures = 0;
  const expect = (what: string, res: { status: number; body: unknown }, ok: number[]) => {
    if (ok.includes(res.status)) return true;
    if (++failures <= 3)
      console.warn(`${what} answered ${res.status}: ${JSON.stringify(res.body).slice(0, 300)}`);
    return false;
  };
  await fanOut(orders, SETUP_CONCURRENCY, async (order) => {
    const shop = shops.get(order.shopId)!;
    const shipped = await post(pool, shop.token, `${V}/shops/${shop.id}/orders/${order.orderId}/shipment`, {
      carrier: 'sandbox',
      trackingNumber: `RT${randomBytes(6).toString('hex').toUpperCase()}`,
    });
    if (!expect('shipment', shipped, [201])) return;
    const shipmentId = shipped.body.shipment?.id;
    for (const event of ['picked_up', 'in_transit', 'delivered']) {
      const res = await post(pool, shop.token, `${V}/shipments/${shipmentId}/sandbox-events`, { event });
      if (!expect(`sandbox event ${event}`, res, [200, 201])) return;
    }
  });
  if (failures > 0) throw new Error(`${failures} deliveries failed during setup`);
}

interface Path {
  name: 'instant_refund' | 'lightning_return';
  type: string;
  reason: string;
  state: string;
}

const PATHS: Path[] = [
  { name: 'instant_refund', type: 'refund_only_unshipped', reason: 'not_shipped_yet', state: 'refunded' },
  { name: 'lightning_return', type: 'return_refund', reason: 'no_reason', state: 'awaiting_return' },
];

interface Load {
  seconds: number;
  latencies: number[];
  decided: number;
  wrong: number;
}

/** Each order gets one request, `concurrency` buyers at a time; every answer must be the rule's decision. */
async function openRequests(pool: Pool, orders: OrderRef[], path: Path, concurrency: number): Promise<Load> {
  const load: Load = { seconds: 0, latencies: [], decided: 0, wrong: 0 };
  const started = performance.now();
  await fanOut(orders, concurrency, async (order) => {
    const t0 = performance.now();
    const res = await post(
      pool,
      order.token,
      `${V}/aftersales/requests`,
      {
        orderId: order.orderId,
        orderLineId: order.lineId,
        type: path.type,
        reason: path.reason,
        quantity: 1,
      },
      `as-open-${order.orderId}`,
    );
    const took = performance.now() - t0;
    if (
      res.status === 201 &&
      res.body.state === path.state &&
      res.body.autoRule === path.name &&
      (path.name !== 'instant_refund' || res.body.approvedFen === order.lineFen)
    ) {
      load.decided++;
      load.latencies.push(took);
    } else if (++load.wrong <= 3) {
      console.warn(`${path.name}: answer ${res.status} ${JSON.stringify(res.body).slice(0, 400)}`);
    }
  });
  load.seconds = (performance.now() - started) / 1000;
  load.latencies.sort((a, b) => a - b);
  return load;
}

interface LatencyRow {
  path: string;
  concurrency: number;
  requestsPerRun: number;
  perSec: number;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
  runs: {
    perSec: number;
    p50Ms: number;
    p95Ms: number;
    p99Ms: number;
    wrong: number;
    loadBefore: number;
    /** Percent of the machine's CPU time busy during the run (server, PostgreSQL, load, anyone else). */
    machineBusy: number;
    /** CPU ms per decided request of the server process and of its PostgreSQL (from /proc). */
    serverCpuMs: number;
    pgCpuMs: number;
  }[];
}

async function partA() {
  console.log(
    `part A: after-sales requests decided within the request, over HTTP; concurrency ${CONCURRENCIES.join(' and ')}, ` +
      `${RUNS} runs of ${REQUESTS_PER_RUN} requests per path (after ${WARMUP} warm-up), ${SHOPS_A} shops, ${BUYERS_A} buyers`,
  );
  const server = await startServerProcess();
  const handle = connect(server.databaseUrl, { max: 4 });
  const pool = new Pool(server.baseUrl, {
    connections: Math.max(...CONCURRENCIES, SETUP_CONCURRENCY),
    pipelining: 1,
  });
  try {
    // XINREN_PG_OPTIONS="-c shared_preload_libraries=pg_stat_statements" BENCH_PG_STATS=1: the costliest statements
    if (process.env.BENCH_PG_STATS)
      await sql`create extension if not exists pg_stat_statements`.execute(handle.db);
    const seeded = await seedShopsAndBuyers(handle.db);
    const perPath = PROBE + CONCURRENCIES.length * (WARMUP + RUNS * REQUESTS_PER_RUN);
    let t = performance.now();
    const unshipped = await paidOrders(pool, handle.db, seeded, perPath);
    const toDeliver = await paidOrders(pool, handle.db, seeded, perPath);
    console.log(
      `setup: ${2 * perPath} paid orders through checkout in ${round((performance.now() - t) / 1000)} s`,
    );
    t = performance.now();
    await deliver(pool, seeded.shops, toDeliver);
    console.log(
      `setup: ${perPath} of them shipped and delivered in ${round((performance.now() - t) / 1000)} s`,
    );

    const rows: LatencyRow[] = [];
    const served: Record<Path['name'], OrderRef[]> = { instant_refund: [], lightning_return: [] };
    const pools = { instant_refund: unshipped, lightning_return: toDeliver };
    const takeFor = (path: Path) => (n: number) => {
      const orders = pools[path.name].splice(0, n);
      served[path.name].push(...orders);
      return orders;
    };
    const oneAtATime: Record<
      string,
      {
        p50Ms: number;
        p99Ms: number;
        statementsPerRequest: number | null;
        serverCpuMs: number;
        pgCpuMs: number;
      }
    > = {};
    const serverPid = server.child.pid!;
    const tree = () => treeCpu(serverPid, server.dataDir);
    /** CPU ms per request of the server and of its PostgreSQL while `work` ran. */
    const cpuPer = async <T extends { decided: number }>(work: () => Promise<T>) => {
      const before = tree();
      const load = await work();
      const after = tree();
      const n = Math.max(1, load.decided);
      return {
        load,
        serverCpuMs: round((after.rootMs - before.rootMs) / n, 2),
        pgCpuMs: round((after.childrenMs - before.childrenMs) / n, 2),
      };
    };
    for (const path of PATHS) {
      if (process.env.BENCH_PG_STATS) await sql`select pg_stat_statements_reset()`.execute(handle.db);
      const { load, serverCpuMs, pgCpuMs } = await cpuPer(() =>
        openRequests(pool, takeFor(path)(PROBE), path, 1),
      );
      let statementsPerRequest: number | null = null;
      if (process.env.BENCH_PG_STATS) {
        // every statement of the server in the meantime: the requests' and a few polls of its deadline runner
        const calls = await sql<{ n: number }>`
          select sum(calls)::bigint as n from pg_stat_statements where query not like '%pg_stat_statements%'`.execute(
          handle.db,
        );
        statementsPerRequest = round(Number(calls.rows[0]!.n) / PROBE, 1);
        const each = await sql<{ perRequest: number; query: string }>`
          select round(calls::numeric / ${PROBE}, 2)::float as per_request,
                 left(regexp_replace(query, '\\s+', ' ', 'g'), 120) as query
          from pg_stat_statements where query not like '%pg_stat_statements%'
          order by calls desc, query limit 60`.execute(handle.db);
        for (const r of each.rows) console.log(`  ${String(r.perRequest).padStart(5)} × ${r.query}`);
      }
      oneAtATime[path.name] = {
        p50Ms: round(percentile(load.latencies, 50)),
        p99Ms: round(percentile(load.latencies, 99)),
        statementsPerRequest,
        serverCpuMs,
        pgCpuMs,
      };
      console.log(
        `${path.name} one request at a time (${PROBE}): p50 ${ms(oneAtATime[path.name]!.p50Ms)}, p99 ${ms(oneAtATime[path.name]!.p99Ms)}` +
          (statementsPerRequest === null ? '' : `, ${statementsPerRequest} SQL statements per request`) +
          `, CPU per request: server ${serverCpuMs} ms, PostgreSQL ${pgCpuMs} ms`,
      );
    }
    for (const concurrency of CONCURRENCIES) {
      for (const path of PATHS) {
        const take = takeFor(path);
        await openRequests(pool, take(WARMUP), path, concurrency);
        const runs: LatencyRow['runs'] = [];
        for (let run = 1; run <= RUNS; run++) {
          const loadBefore = load1();
          const cpuBefore = machineCpu();
          const { load, serverCpuMs, pgCpuMs } = await cpuPer(() =>
            openRequests(pool, take(REQUESTS_PER_RUN), path, concurrency),
          );
          const cpuAfter = machineCpu();
          const r = {
            perSec: round(load.decided / load.seconds),
            p50Ms: round(percentile(load.latencies, 50)),
            p95Ms: round(percentile(load.latencies, 95)),
            p99Ms: round(percentile(load.latencies, 99)),
            wrong: load.wrong,
            loadBefore,
            machineBusy: round(
              (100 * (cpuAfter.busy - cpuBefore.busy)) / Math.max(1, cpuAfter.total - cpuBefore.total),
            ),
            serverCpuMs,
            pgCpuMs,
          };
          runs.push(r);
          console.log(
            `${path.name} c=${concurrency} run ${run}: ${r.perSec} requests/s, p50 ${ms(r.p50Ms)}, p95 ${ms(r.p95Ms)}, ` +
              `p99 ${ms(r.p99Ms)}, decided ${load.decided}/${REQUESTS_PER_RUN} (load average before: ${loadBefore}, machine CPU busy ${r.machineBusy}%; ` +
              `CPU per request: server ${serverCpuMs} ms, PostgreSQL ${pgCpuMs} ms)`,
          );
        }
        rows.push({
          path: path.name,
          concurrency,
          requestsPerRun: REQUESTS_PER_RUN,
          perSec: median(runs.map((r) => r.perSec)),
          p50Ms: median(runs.map((r) => r.p50Ms)),
          p95Ms: median(runs.map((r) => r.p95Ms)),
          p99Ms: median(runs.map((r) => r.p99Ms)),
          runs,
        });
      }
    }

    const db = handle.db;
    if (process.env.BENCH_PG_STATS) {
      const top = await sql<{ calls: number; ms: number; mean: number; query: string }>`
        select calls, round(total_exec_time + total_plan_time)::int as ms,
               round((mean_exec_time + mean_plan_time)::numeric, 3)::float as mean,
               left(regexp_replace(query, '\\s+', ' ', 'g'), 110) as query
        from pg_stat_statements order by total_exec_time + total_plan_time desc limit 30`.execute(db);
      for (const r of top.rows)
        console.log(
          `pg: ${String(r.ms).padStart(7)} ms ${String(r.calls).padStart(7)} calls ${String(r.mean).padStart(7)} ms/call  ${r.query}`,
        );
    }
    // The server's own deadline runner pays the refunds out (payments.execute_refund); wait for it.
    const until = Date.now() + 120_000;
    for (;;) {
      const pending = await db
        .selectFrom('refunds')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('state', '=', 'pending')
        .executeTakeFirstOrThrow();
      if (Number(pending.n) === 0 || Date.now() > until) break;
      await sleep(200);
    }
    const instant = served.instant_refund;
    const refunds = await sql<{ n: number; fen: number; succeeded: number; distinctCauses: number }>`
      select count(*)::int as n, coalesce(sum(amount_fen), 0)::bigint as fen,
             count(*) filter (where state = 'succeeded')::int as succeeded,
             count(distinct cause_id)::int as distinct_causes
      from refunds where cause_type = 'aftersales_request'`.execute(db);
    const cancelled = await sql<{ n: number }>`
      select count(*)::int as n from orders where state = 'cancelled' and id = any(${instant.map((o) => o.orderId)}::bigint[])`.execute(
      db,
    );
    const returns = await sql<{ n: number }>`
      select count(*)::int as n from aftersales_requests r join return_shipments s on s.request_id = r.id
      where r.state = 'awaiting_return' and r.auto_rule = 'lightning_return'`.execute(db);
    const instantFen = instant.reduce((sum, o) => sum + o.lineFen, 0);
    const r = refunds.rows[0]!;
    const report = await checkLedger(db);
    const escrow = await balanceOf(db, accounts.escrow);
    const money = await sql<{ paid: number; refunded: number }>`
      select (select coalesce(sum(amount_fen), 0) from payments where state = 'succeeded')::bigint as paid,
             (select coalesce(sum(amount_fen), 0) from refunds where state = 'succeeded')::bigint as refunded`.execute(
      db,
    );
    const { paid, refunded } = money.rows[0]!;
    const checks = {
      refundsEqualInstantRefunds:
        r.n === instant.length && r.distinctCauses === instant.length && Number(r.fen) === instantFen,
      refundsPaidOut: r.succeeded === instant.length,
      refundedOrdersCancelled: cancelled.rows[0]!.n === instant.length,
      lightningReturnsAwaiting: returns.rows[0]!.n === served.lightning_return.length,
      ledgerBalanced: report.ok && escrow === Number(paid) - Number(refunded),
    };
    console.log(
      `checks: ${r.n} refunds for ${instant.length} instant refunds (${r.succeeded} paid out by the server's runner, ` +
        `${r.fen} fen = ${instantFen} fen asked), ${cancelled.rows[0]!.n} refunded orders cancelled, ` +
        `${returns.rows[0]!.n}/${served.lightning_return.length} lightning returns awaiting the parcel with an address; ` +
        `ledger ok ${report.ok} (${report.entries} entries), escrow ${escrow} fen = paid ${paid} − refunded ${refunded}`,
    );
    return { rows, oneAtATime, checks };
  } finally {
    await pool.close();
    await handle.close();
    await server.stop();
  }
}

// ==== part B: due after-sales deadlines ============================================================

interface WorkerStats {
  /** Handler runs by label (mix of the request, or the deadline kind). */
  fired: Record<string, number>;
  statements: Record<string, number>;
  handlerMs: Record<string, number>;
  /** Claim statements (one per batch) and the deadlines they returned. */
  batches: number;
  /** Calls of a batch handler. */
  batchCalls: number;
  topSql: { sql: string; calls: number; ms: number }[];
  /** The statements of one run of each handler, in order (the second run, once caches are warm). */
  sequences: Record<string, string[]>;
  /** CPU time of the worker process (Node: handlers, driver, runner) from go to stop. */
  cpuMs: number;
}

type WorkerMessage = { type: 'ready' } | { type: 'stopped'; stats: WorkerStats };

/**
 * One DeadlineRunner with the platform's handlers of one module, counting what they cost: 'aftersales'
 * (the request deadlines) or 'payments' (paying the refunds out).
 */
async function worker(url: string, perRun: number, mode: string): Promise<void> {
  const handle = connect(url, { max: 2, applicationName: 'aftersales-bench-worker' });
  const stats: WorkerStats = {
    fired: {},
    statements: {},
    handlerMs: {},
    batches: 0,
    batchCalls: 0,
    topSql: [],
    sequences: {},
    cpuMs: 0,
  };
  const seen: Record<string, number> = {};
  let sequence: string[] | null = null;
  const bySql = new Map<string, { calls: number; ms: number }>();
  let label = 'runner';
  const add = (table: Record<string, number>, key: string, n: number) => {
    table[key] = (table[key] ?? 0) + n;
  };
  // Every statement goes through client.query: count it against the handler running, time it by its text.
  handle.pool.on('connect', (client) => {
    const query = client.query.bind(client) as (...args: unknown[]) => unknown;
    (client as unknown as { query: (...args: unknown[]) => unknown }).query = (...args: unknown[]) => {
      const text = typeof args[0] === 'string' ? args[0] : ((args[0] as { text?: string })?.text ?? '?');
      const key = text.replace(/\s+/g, ' ').slice(0, 110);
      add(stats.statements, label, 1);
      sequence?.push(key.slice(0, 80));
      if (
        key.startsWith('update "deadlines" set "status" = $1, "fired_at"') ||
        key.trim().startsWith('with single as')
      )
        stats.batches++;
      const started = performance.now();
      const result = query(...args) as Promise<unknown>;
      const done = () => {
        const entry = bySql.get(key) ?? { calls: 0, ms: 0 };
        entry.calls++;
        entry.ms += performance.now() - started;
        bySql.set(key, entry);
      };
      if (result && typeof result.then === 'function') result.then(done, done);
      return result;
    };
  });
  const platform: DeadlineHandlers =
    mode === 'payments'
      ? paymentDeadlineHandlers(paymentProvider())
      : aftersalesDeadlineHandlers(defaultSettings);
  const handlers: DeadlineHandlers = Object.fromEntries(
    Object.entries(platform).map(([kind, handler]) => [
      kind,
      async (tx, deadline, ctx) => {
        label = kind === REQUEST_DEADLINE ? mixOf(deadline.subjectId, perRun) : kind;
        seen[label] = (seen[label] ?? 0) + 1;
        if (seen[label] === 2) sequence = stats.sequences[label] = [];
        const started = performance.now();
        try {
          await handler(tx, deadline, ctx);
          add(stats.fired, label, 1);
        } finally {
          add(stats.handlerMs, label, performance.now() - started);
          label = 'runner';
          sequence = null;
        }
      },
    ]),
  );
  // A batch handler's statements count against 'batch'; its deadlines as fired by their mix.
  const platformBatch: DeadlineBatchHandlers =
    mode === 'payments' || ONE_BY_ONE ? {} : aftersalesDeadlineBatchHandlers(defaultSettings);
  const batchHandlers: DeadlineBatchHandlers = Object.fromEntries(
    Object.entries(platformBatch).map(([kind, handler]) => [
      kind,
      async (tx, deadlines, ctx) => {
        label = 'batch';
        if (++stats.batchCalls === 2) sequence = stats.sequences.batch = [];
        const started = performance.now();
        try {
          const left = await handler(tx, deadlines, ctx);
          const leftIds = new Set(left.map((d) => d.id));
          for (const d of deadlines)
            if (!leftIds.has(d.id))
              add(stats.fired, kind === REQUEST_DEADLINE ? mixOf(d.subjectId, perRun) : kind, 1);
          return left;
        } finally {
          add(stats.handlerMs, 'batch', performance.now() - started);
          label = 'runner';
          sequence = null;
        }
      },
    ]),
  );
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
  stats.statements = {};
  stats.batches = 0;
  bySql.clear();
  const send = (message: WorkerMessage) => process.send?.(message);
  process.on('disconnect', () => process.exit(1));
  let cpuAtGo = process.cpuUsage();
  process.on('message', (message: string) => {
    if (message === 'go') {
      cpuAtGo = process.cpuUsage();
      runner.start();
    }
    if (message === 'stop') {
      void (async () => {
        await runner.stop();
        const cpu = process.cpuUsage(cpuAtGo);
        stats.cpuMs = (cpu.user + cpu.system) / 1000;
        await handle.close();
        stats.topSql = [...bySql.entries()]
          .map(([text, e]) => ({ sql: text, calls: e.calls, ms: Math.round(e.ms) }))
          .sort((a, b) => b.ms - a.ms)
          .slice(0, 15);
        send({ type: 'stopped', stats });
        process.disconnect();
      })();
    }
  });
  send({ type: 'ready' });
}

function startWorker(
  url: string,
  mode: 'aftersales' | 'payments',
): { child: ChildProcess; next: () => Promise<WorkerMessage> } {
  const child = fork(fileURLToPath(import.meta.url), ['worker', mode], {
    // BENCH_WORKER_NODE_ARGS: extra node flags for the runner processes, e.g. --cpu-prof to profile them
    execArgv: [
      ...(process.env.BENCH_WORKER_NODE_ARGS ?? '').split(' ').filter(Boolean),
      '--import',
      import.meta.resolve('tsx'),
    ],
    env: { ...process.env, BENCH_DB_URL: url, BENCH_PER_RUN: String(DUE) },
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

async function anyDue(db: Db, kind: string): Promise<boolean> {
  const r = await sql<{ n: number }>`
    select exists (select from deadlines where status = 'pending' and due_at <= now() and kind = ${kind})::int as n`.execute(
    db,
  );
  return Number(r.rows[0]!.n) > 0;
}

interface DeadlineRun {
  run: number;
  seconds: number;
  executedPerSec: number;
  refundPayouts: number;
  refundPayoutSeconds: number;
  check: Awaited<ReturnType<typeof checkRun>>;
  byWorker: number[];
  statementsPerDeadline: Record<string, number>;
  handlerMsPerDeadline: Record<string, number>;
  /** Every statement of the runner processes (claims, batch and per-deadline handlers) per deadline. */
  allStatementsPerDeadline: number;
  /** Statements of the batch handler per call, and its calls. */
  batchStatementsPerCall: number;
  batchCalls: number;
  runnerStatementsPerBatch: number;
  batches: number;
  loadBefore: number;
  /** Percent of the machine's CPU time busy during the run (runners, PostgreSQL, anything else). */
  machineBusy: number;
  workerCpuMsPerDeadline: number;
  /** Statements per refund paid out, runner's included. */
  refundPayoutStatements: number;
}

/** `n` runner processes of `mode`, started together, stopped once `kind` has nothing due; their stats. */
/** Jiffies of all CPUs since boot, busy and in all (from /proc/stat; zeros where there is none). */
function machineCpu(): { busy: number; total: number } {
  try {
    const fields = fs
      .readFileSync('/proc/stat', 'utf8')
      .split('\n')[0]!
      .trim()
      .split(/\s+/)
      .slice(1)
      .map(Number);
    const total = fields.reduce((a, b) => a + b, 0);
    const idle = (fields[3] ?? 0) + (fields[4] ?? 0);
    return { busy: total - idle, total };
  } catch {
    return { busy: 0, total: 0 };
  }
}

async function runWorkers(db: Db, url: string, mode: 'aftersales' | 'payments', n: number, kind: string) {
  const workers = Array.from({ length: n }, () => startWorker(url, mode));
  try {
    for (const w of workers) await w.next();
    const started = performance.now();
    const cpuBefore = machineCpu();
    for (const w of workers) w.child.send('go');
    // A due row still reads as pending until the batch that fired it commits.
    // (exists, not count: the watcher must not take CPU from the runners it measures)
    while (await anyDue(db, kind)) await sleep(POLL_MS);
    const seconds = (performance.now() - started) / 1000;
    const cpuAfter = machineCpu();
    // share of the machine's CPU time in use while the runners ran (theirs, PostgreSQL's, anyone's)
    const busy = (cpuAfter.busy - cpuBefore.busy) / Math.max(1, cpuAfter.total - cpuBefore.total);
    const stats: WorkerStats[] = [];
    for (const w of workers) {
      w.child.send('stop');
      const message = await w.next();
      if (message.type !== 'stopped') throw new Error(`unexpected worker message ${message.type}`);
      stats.push(message.stats);
    }
    return { seconds, stats, busy };
  } finally {
    // a stopped worker exits by itself (and writes its profile, with --cpu-prof); others are killed
    await Promise.all(
      workers.map((w) =>
        w.child.exitCode === null
          ? Promise.race([new Promise((r) => w.child.once('exit', r)), sleep(10_000)])
          : null,
      ),
    );
    for (const w of workers) if (w.child.exitCode === null) w.child.kill();
  }
}

async function fireRun(db: Db, url: string, backlog: Backlog, run: number): Promise<DeadlineRun> {
  await arm(db, backlog, run);
  const events = await sql<{
    n: number;
  }>`select coalesce(max(id), 0)::bigint as n from aftersales_events`.execute(db);
  const eventsBefore = Number(events.rows[0]!.n);
  {
    const loadBefore = load1();
    const { seconds, stats, busy } = await runWorkers(db, url, 'aftersales', WORKERS, REQUEST_DEADLINE);
    // The refunds the approvals asked for are paid out afterwards, timed apart (not counted above).
    const payout =
      run <= PAYOUT_RUNS
        ? await runWorkers(db, url, 'payments', PAYOUT_WORKERS, EXECUTE_REFUND)
        : { seconds: 0, stats: [] as WorkerStats[], busy: 0 };
    const refundPayouts = payout.stats.reduce((a, s) => a + (s.fired[EXECUTE_REFUND] ?? 0), 0);
    const refundPayoutSeconds = payout.seconds;
    const check = await checkRun(db, backlog, run, eventsBefore);
    const sum = (pick: (s: WorkerStats) => Record<string, number>) => {
      const total: Record<string, number> = {};
      for (const s of stats) for (const [k, v] of Object.entries(pick(s))) total[k] = (total[k] ?? 0) + v;
      return total;
    };
    const fired = sum((s) => s.fired);
    const statements = sum((s) => s.statements);
    const handlerMs = sum((s) => s.handlerMs);
    const batches = stats.reduce((a, s) => a + s.batches, 0);
    const per = (table: Record<string, number>) =>
      Object.fromEntries(Object.entries(fired).map(([k, n]) => [k, round((table[k] ?? 0) / n, 2)]));
    const totalStatements = Object.values(statements).reduce((a, b) => a + b, 0);
    const batchCalls = stats.reduce((a, s) => a + s.batchCalls, 0);
    const byWorker = stats.map((s) => Object.values(s.fired).reduce((a, n) => a + n, 0));
    const result: DeadlineRun = {
      run,
      seconds: round(seconds, 2),
      executedPerSec: Math.round(DUE / seconds),
      refundPayouts,
      refundPayoutSeconds: round(refundPayoutSeconds, 2),
      check,
      byWorker,
      statementsPerDeadline: per(statements),
      handlerMsPerDeadline: per(handlerMs),
      runnerStatementsPerBatch: round((statements.runner ?? 0) / Math.max(1, batches), 1),
      allStatementsPerDeadline: round(totalStatements / DUE, 2),
      batchStatementsPerCall: round((statements.batch ?? 0) / Math.max(1, batchCalls), 1),
      batchCalls,
      batches,
      loadBefore,
      machineBusy: round(busy * 100),
      workerCpuMsPerDeadline: round(stats.reduce((a, s) => a + s.cpuMs, 0) / DUE, 2),
      refundPayoutStatements: round(
        payout.stats.reduce((a, s) => a + Object.values(s.statements).reduce((x, y) => x + y, 0), 0) /
          Math.max(1, refundPayouts),
        1,
      ),
    };
    const executed = byWorker.reduce((a, b) => a + b, 0);
    console.log(
      `run ${run}: ${DUE.toLocaleString('en')} after-sales deadlines executed in ${result.seconds} s = ` +
        `${result.executedPerSec.toLocaleString('en')}/s (by worker: ${byWorker.join(' + ')} = ${executed}; load average before: ${loadBefore}); ` +
        `exactly once: ${check.exactlyOnce}` +
        (refundPayouts > 0
          ? `; then ${refundPayouts.toLocaleString('en')} refund payouts by ${PAYOUT_WORKERS} runner in ${result.refundPayoutSeconds} s`
          : `; its ${check.refunds.toLocaleString('en')} refunds left pending (refunds are paid out in the first ${PAYOUT_RUNS} run(s) only)`),
    );
    console.log(
      `  checks: ${check.doneFirstTry} deadlines done at the first attempt, ${check.retried} retried, ${check.failed} failed; ` +
        `${check.leftOnce} requests left their due state exactly once; states ${JSON.stringify(check.states)}; ` +
        `${check.refundedOnce} refund-only requests with exactly one refund (${check.refunds} refunds, ${check.refundsSucceeded} paid out); ` +
        `${check.returnsAwaitingWithDeadline} approved returns with an address and their next deadline`,
    );
    console.log(
      `  cost per deadline: ${result.allStatementsPerDeadline} statements in all (${batchCalls} batch handler calls of ${result.batchStatementsPerCall} statements); ` +
        `per-deadline handlers: statements ${JSON.stringify(result.statementsPerDeadline)}, handler ms ${JSON.stringify(result.handlerMsPerDeadline)}; ` +
        `${batches} batches, ${result.runnerStatementsPerBatch} runner statements per batch (claim, savepoints, begin/commit); ` +
        `machine CPU busy ${result.machineBusy}%, runner processes' CPU ${result.workerCpuMsPerDeadline} ms per deadline; ` +
        `payouts: ${result.refundPayoutStatements} statements per refund`,
    );
    if (process.env.BENCH_PROFILE) {
      const merged = new Map<string, { calls: number; ms: number }>();
      for (const s of stats)
        for (const q of s.topSql) {
          const e = merged.get(q.sql) ?? { calls: 0, ms: 0 };
          e.calls += q.calls;
          e.ms += q.ms;
          merged.set(q.sql, e);
        }
      for (const [label, statements] of Object.entries(stats[0]!.sequences))
        console.log(`  statements of one ${label}:\n    ${statements.join('\n    ')}`);
      for (const [text, e] of [...merged.entries()].sort((a, b) => b[1].ms - a[1].ms).slice(0, 15))
        console.log(`  sql: ${String(e.ms).padStart(7)} ms ${String(e.calls).padStart(7)} calls  ${text}`);
    }
    return result;
  }
}

async function partB(cleanups: Array<() => Promise<void>>) {
  console.log(
    `part B: ${DUE.toLocaleString('en')} due after-sales deadlines per run, ${RUNS} runs; ${WORKERS} runner processes ` +
      `(batch ${BATCH_SIZE}, ${ONE_BY_ONE ? 'one by one' : `batch handler ${MANY_BATCH_SIZE}`}) with the platform's after-sales handlers; ${SHOPS_B} shops; mix ` +
      Object.entries(MIX_SHARE)
        .map(([k, v]) => `${v * 100}% ${k}`)
        .join(', '),
  );
  const url = await benchDatabase('aftersales', cleanups);
  const handle = connect(url, { max: 2, applicationName: 'aftersales-bench' });
  cleanups.push(() => handle.close());

  let t = performance.now();
  const backlog = await writeBacklog(handle.db, {
    perRun: DUE,
    runs: RUNS,
    shops: SHOPS_B,
    buyers: BUYERS_B,
  });
  console.log(
    `setup: ${(DUE * RUNS).toLocaleString('en')} delivered, paid orders with a request past its deadline ` +
      `(${DUE.toLocaleString('en')} armed per run) written in ${round((performance.now() - t) / 1000)} s`,
  );
  const runs: DeadlineRun[] = [];
  for (let run = 1; run <= RUNS; run++) runs.push(await fireRun(handle.db, url, backlog, run));

  t = performance.now();
  const report = await checkLedger(handle.db);
  const escrow = await balanceOf(handle.db, accounts.escrow);
  const refunded = await sql<{ fen: number }>`
    select coalesce(sum(amount_fen), 0)::bigint as fen from refunds where state = 'succeeded'`.execute(
    handle.db,
  );
  const ledgerBalanced = report.ok && escrow === backlog.escrowFen - Number(refunded.rows[0]!.fen);
  console.log(
    `ledger: ${report.entries} entries, ok ${report.ok}; escrow ${escrow} fen = captured ${backlog.escrowFen} − refunded ${refunded.rows[0]!.fen}: ${ledgerBalanced}`,
  );
  return { runs, ledgerBalanced };
}

// ==== main =========================================================================================

async function main(): Promise<number> {
  const cleanups: Array<() => Promise<void>> = [];
  const cleanup = async () => {
    for (const step of cleanups.splice(0).reverse()) await step().catch((err) => console.error(err));
  };
  const watchdog = setTimeout(() => {
    console.error(`aftersales bench: over the ${TIME_LIMIT_MS / 60_000} min limit, giving up`);
    void cleanup().finally(() => process.exit(1));
  }, TIME_LIMIT_MS);
  process.once('SIGINT', () => void cleanup().finally(() => process.exit(130)));
  process.once('SIGTERM', () => void cleanup().finally(() => process.exit(143)));
  const started = performance.now();
  console.log(`after-sales benchmark: ${os.cpus().length} cores, ${Math.round(os.totalmem() / 2 ** 30)} GiB`);
  try {
    const a = PARTS.includes('a') ? await partA() : null;
    const b = PARTS.includes('b') ? await partB(cleanups) : null;
    const summary = {
      scenario: 'aftersales',
      cpus: os.cpus().length,
      latency: a && {
        targetP99Ms: 100,
        rows: a.rows,
        oneAtATime: a.oneAtATime,
        checks: a.checks,
      },
      deadlines: b && {
        due: DUE,
        workers: WORKERS,
        batchSize: BATCH_SIZE,
        manyBatchSize: ONE_BY_ONE ? null : MANY_BATCH_SIZE,
        shops: SHOPS_B,
        mix: MIX_SHARE,
        targetPerSec: 5_000,
        executedPerSec: median(b.runs.map((r) => r.executedPerSec)),
        refundPayoutsPerSec: median(
          b.runs
            .filter((r) => r.refundPayouts > 0)
            .map((r) => Math.round(r.refundPayouts / r.refundPayoutSeconds)),
        ),
        exactlyOnce: b.runs.every((r) => r.check.exactlyOnce),
        ledgerBalanced: b.ledgerBalanced,
        runs: b.runs,
      },
      seconds: Math.round((performance.now() - started) / 1000),
    };
    const ok =
      (!a || Object.values(a.checks).every(Boolean)) &&
      (!a || a.rows.every((r) => r.runs.every((x) => x.wrong === 0))) &&
      (!b || (summary.deadlines!.exactlyOnce && b.ledgerBalanced));
    console.log(JSON.stringify(summary));
    return ok ? 0 : 1;
  } finally {
    clearTimeout(watchdog);
    await cleanup();
  }
}

if (process.argv[2] === 'worker') {
  await worker(process.env.BENCH_DB_URL!, Number(process.env.BENCH_PER_RUN), process.argv[3]!);
} else {
  process.exitCode = await main();
}
