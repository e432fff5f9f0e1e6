// Checkout throughput over HTTP: the server runs in its own process on the embedded PostgreSQL;
// this process drives it with concurrent buyers. An order counts once it is paid.
// `npm run bench:checkout`; the last line is a JSON summary.
import { randomBytes } from 'node:crypto';
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { sql } from 'kysely';
import { Pool } from 'undici';
import { accounts, balanceOf, checkLedger } from '../../server/src/modules/ledger/index.ts';
import { connect, type Db } from '../../server/src/platform/db.ts';
import { benchDatabase } from './lib/bench-database.ts';
import { buyersWithTokens } from './lib/buyers.ts';
import { treeCpu } from './lib/process-cpu.ts';
import { startServerProcess } from './lib/server-process.ts';
import { median, percentile, round } from './lib/stats.ts';
import { startWebhookSink, type WebhookSink } from './lib/webhook-sink.ts';

const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 128);
const SPREAD_SKUS = 1_200;
const BUYERS = 2_000;
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const SPREAD_SECONDS = Number(process.env.BENCH_SECONDS ?? 8);
const FLASH_STOCK = Number(process.env.BENCH_FLASH_STOCK ?? 20_000);
const MODE = process.env.BENCH_MODE ?? 'one-call';
// Issue 14's scenario: every shop has a default freight template, every buyer a default address and a
// wallet of platform coupons, so each order is priced with a shipping fee and one coupon (the best
// combination checkout picks). The flash-sale scenario is left to the plain run.
const ESSENTIALS = process.env.BENCH_ESSENTIALS === '1';
const COUPONS_PER_BUYER = 24;
// BENCH_WEBHOOKS=1: a platform webhook endpoint subscribed to every order and payment event, with a
// local receiver, so the server delivers webhooks while it takes orders (the outbox is always on).
const WEBHOOKS = process.env.BENCH_WEBHOOKS === '1';

interface Summary {
  scenario: string;
  ordersPerSec: number;
  p50Ms: number;
  p99Ms: number;
  oversold: number;
  ledgerBalanced: boolean;
  runs: number[];
  /** CPU time per paid order of the server process and of its PostgreSQL (embedded only), all runs. */
  serverCpuMs: number;
  postgresCpuMs: number | null;
  /** `/proc/loadavg`'s 1-minute figure when the benchmark started and when it ended. */
  loadAverage: [number, number];
  /** BENCH_WEBHOOKS=1: webhooks delivered over the whole benchmark, and how long the backlog took to drain after it. */
  webhooks?: { succeeded: number; open: number; drainMs: number };
}

const loadAverage = () => round(os.loadavg()[0]!, 2);

async function seed(db: Db) {
  const category = await db
    .insertInto('categories')
    .values({ name: '压测类目', nameEn: 'bench', commissionBp: 500, depositFen: 0 })
    .returning('id')
    .executeTakeFirstOrThrow();
  const hash = 'bench-no-login';
  const owners = await db
    .insertInto('users')
    .values(
      Array.from({ length: 10 }, (_, i) => ({
        kind: 'merchant' as const,
        login: `bench-m${i}`,
        displayName: `m${i}`,
        phone: null,
        passwordHash: hash,
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
  await sql`
    insert into products (shop_id, category_id, title, state)
    select (${shops.map((s) => s.id)}::bigint[])[1 + (g % ${shops.length})], ${category.id}, '压测商品' || g, 'listed'
    from generate_series(1, ${SPREAD_SKUS + RUNS}) g`.execute(db);
  await sql`
    insert into skus (product_id, code, spec, price_fen, stock)
    select id, 'S' || id, '默认', 1000 + (id % 50) * 100, 10000000 from products`.execute(db);
  const skus = (await db.selectFrom('skus').select('id').orderBy('id').execute()).map((s) => s.id);
  const { ids, tokens } = await buyersWithTokens(db, BUYERS);
  if (ESSENTIALS)
    await seedEssentials(
      db,
      shops.map((s) => s.id),
      ids,
      owners[0]!.id,
    );
  return { spreadSkus: skus.slice(0, SPREAD_SKUS), flashSkus: skus.slice(SPREAD_SKUS), tokens };
}

/** Freight templates (¥8 first piece, ¥2 each more; remote Xinjiang) and a wallet of ¥1 platform coupons per buyer. */
async function seedEssentials(db: Db, shopIds: number[], buyerIds: number[], createdBy: number) {
  await sql`
    insert into freight_templates (shop_id, name, mode, first_units, first_fen, extra_units, extra_fen,
                                   is_default, regions, created_at, updated_at)
    select s, '默认运费', 'piece', 1, 800, 1, 200, true,
           '[{"codes":["650000"],"firstFen":2000,"extraFen":1000,"remote":true}]'::jsonb, now(), now()
    from unnest(${shopIds}::bigint[]) as v(s)`.execute(db);
  const campaign = await sql<{ id: number }>`
    insert into coupon_campaigns (funder, title, kind, discount_fen, claim_starts_at, claim_ends_at, valid_days,
                                  per_buyer_limit, issue_cap, issued, state, created_by)
    values ('platform', '压测平台券', 'no_threshold', 100, now() - interval '1 hour', now() + interval '1 day', 7,
            10, ${buyerIds.length * COUPONS_PER_BUYER}, ${buyerIds.length * COUPONS_PER_BUYER}, 'active', ${createdBy})
    returning id`.execute(db);
  await sql`
    insert into buyer_coupons (campaign_id, buyer_id, claim_no, state, claimed_at, expires_at)
    select ${campaign.rows[0]!.id}, b, n, 'available', now(), now() + interval '7 days'
    from unnest(${buyerIds}::bigint[]) as v(b), generate_series(1, ${COUPONS_PER_BUYER}) n`.execute(db);
}

interface Load {
  paid: number;
  refused: number;
  errors: number;
  latencies: number[];
  lastPaidAt: number;
}

/** `CONCURRENCY` buyers each send checkouts back to back until `until()` says stop. */
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
      const key = `b-${w}-${seq}-${randomBytes(4).toString('hex')}`;
      const started = performance.now();
      const body =
        MODE === 'one-call'
          ? { items: [{ skuId: pickSku(), quantity: 1 }], pay: { method: 'sandbox' } }
          : { items: [{ skuId: pickSku(), quantity: 1 }] };
      const res = await pool.request({
        method: 'POST',
        path: '/api/v1/checkout',
        headers: {
          authorization: `Bearer ${token}`,
          'content-type': 'application/json',
          'idempotency-key': key,
        },
        body: JSON.stringify(body),
      });
      let json = (await res.body.json()) as any;
      let paid = res.statusCode === 201 && (MODE !== 'one-call' || json.payment?.state === 'succeeded');
      if (MODE !== 'one-call' && res.statusCode === 201) {
        const payRes = await pool.request({
          method: 'POST',
          path: `/api/v1/order-groups/${json.groupId}/pay`,
          headers: {
            authorization: `Bearer ${token}`,
            'content-type': 'application/json',
            'idempotency-key': `${key}-p`,
          },
          body: JSON.stringify({ method: 'sandbox' }),
        });
        json = await payRes.body.json();
        paid = payRes.statusCode === 201 && json.state === 'succeeded';
      }
      const ms = performance.now() - started;
      if (paid) {
        load.paid++;
        load.latencies.push(ms);
        load.lastPaidAt = performance.now();
      } else if (res.statusCode === 409) load.refused++;
      else {
        load.errors++;
        if (load.errors <= 3)
          console.warn(`unexpected answer ${res.statusCode}: ${JSON.stringify(json).slice(0, 300)}`);
      }
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, (_, w) => worker(w)));
  load.latencies.sort((a, b) => a - b);
  return load;
}

async function main() {
  const loadAtStart = loadAverage();
  console.log(
    `checkout benchmark${ESSENTIALS ? ' (address, shipping template, a coupon per order)' : ''}: ${os.cpus().length} cores, concurrency ${CONCURRENCY}, mode ${MODE}, ${RUNS} runs, ${process.env.DATABASE_URL ? 'DATABASE_URL' : 'embedded PostgreSQL'}, load average ${loadAtStart}`,
  );
  // With DATABASE_URL (e.g. the system PostgreSQL), the server runs on a fresh database of its own
  // there instead of an embedded PostgreSQL.
  const cleanups: Array<() => Promise<void>> = [];
  const external = process.env.DATABASE_URL ? await benchDatabase('checkout', cleanups) : undefined;
  const server = await startServerProcess(external ? { DATABASE_URL: external } : {});
  const handle = connect(external ?? server.databaseUrl, { max: 4 });
  const results: Summary[] = [];
  let sink: WebhookSink | undefined;
  try {
    if (process.env.BENCH_PG_STATS)
      await sql`create extension if not exists pg_stat_statements`.execute(handle.db);
    const data = await seed(handle.db);
    if (WEBHOOKS) sink = await startWebhookSink(handle.db);
    const pool = new Pool(server.baseUrl, { connections: CONCURRENCY, pipelining: 1 });

    // warm-up
    await drive(
      pool,
      data.tokens,
      () => data.spreadSkus[Math.floor(Math.random() * SPREAD_SKUS)]!,
      (l) => l.paid + l.errors >= 2_000,
    );

    // CPU per paid order (load-independent, unlike the rates): the server and, when embedded, its PostgreSQL.
    const tree = () => treeCpu(server.child.pid!, external ? undefined : server.dataDir);
    const cpuCounter = () => {
      const sum = { serverMs: 0, postgresMs: 0, paid: 0 };
      return {
        add(before: ReturnType<typeof tree>, after: ReturnType<typeof tree>, paid: number) {
          sum.serverMs += after.rootMs - before.rootMs;
          sum.postgresMs += after.childrenMs - before.childrenMs;
          sum.paid += paid;
        },
        serverCpuMs: () => round(sum.serverMs / Math.max(1, sum.paid), 2),
        postgresCpuMs: () => (external ? null : round(sum.postgresMs / Math.max(1, sum.paid), 2)),
      };
    };
    const spreadCpu = cpuCounter();
    const flashCpu = cpuCounter();
    const spreadRuns: Load[] = [];
    const spreadRates: number[] = [];
    for (let run = 0; run < RUNS; run++) {
      const started = performance.now();
      const end = started + SPREAD_SECONDS * 1000;
      const cpuBefore = tree();
      const load = await drive(
        pool,
        data.tokens,
        () => data.spreadSkus[Math.floor(Math.random() * SPREAD_SKUS)]!,
        () => performance.now() >= end,
      );
      const rate = load.paid / ((performance.now() - started) / 1000);
      spreadCpu.add(cpuBefore, tree(), load.paid);
      spreadRuns.push(load);
      spreadRates.push(rate);
      console.log(
        `spread run ${run + 1}: ${round(rate)} paid orders/s, p50 ${round(percentile(load.latencies, 50))} ms, p99 ${round(percentile(load.latencies, 99))} ms, errors ${load.errors}`,
      );
    }

    const flashRates: number[] = [];
    const flashLoads: Load[] = [];
    let oversold = 0;
    for (let run = 0; run < (ESSENTIALS ? 0 : RUNS); run++) {
      const skuId = data.flashSkus[run]!;
      await handle.db.updateTable('skus').set({ stock: FLASH_STOCK }).where('id', '=', skuId).execute();
      const started = performance.now();
      let soldOutAt = 0;
      const cpuBefore = tree();
      const load = await drive(
        pool,
        data.tokens,
        () => skuId,
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
      const rate = load.paid / ((load.lastPaidAt - started) / 1000);
      flashCpu.add(cpuBefore, tree(), load.paid);
      const sold = await sql<{ n: number }>`
        select coalesce(sum(l.quantity), 0)::int as n from order_lines l join orders o on o.id = l.order_id
        where l.sku_id = ${skuId} and o.state <> 'cancelled'`.execute(handle.db);
      const stock = await handle.db
        .selectFrom('skus')
        .select('stock')
        .where('id', '=', skuId)
        .executeTakeFirstOrThrow();
      const soldUnits = sold.rows[0]!.n;
      oversold = Math.max(oversold, soldUnits - FLASH_STOCK, -stock.stock);
      flashRates.push(rate);
      flashLoads.push(load);
      console.log(
        `flash run ${run + 1}: ${round(rate)} paid orders/s while stock lasted, sold ${soldUnits}/${FLASH_STOCK}, left ${stock.stock}, refused ${load.refused}, p99 ${round(percentile(load.latencies, 99))} ms, errors ${load.errors}`,
      );
    }
    await pool.close();
    const webhooks = sink ? await sink.report() : undefined;
    if (webhooks)
      console.log(
        `webhooks: ${webhooks.succeeded} delivered (${webhooks.received} requests), ${webhooks.open} still open, backlog drained ${webhooks.drainMs} ms after the load`,
      );

    if (process.env.BENCH_PG_STATS) {
      const top = await sql<{ calls: number; ms: number; mean: number; query: string }>`
        select calls, round(total_exec_time + total_plan_time)::int as ms, round((mean_exec_time + mean_plan_time)::numeric, 2)::float as mean, left(regexp_replace(query, '\\s+', ' ', 'g'), 110) as query
        from pg_stat_statements order by total_exec_time + total_plan_time desc limit 25`.execute(handle.db);
      for (const r of top.rows)
        console.log(
          `pg: ${String(r.ms).padStart(7)} ms ${String(r.calls).padStart(7)} calls ${String(r.mean).padStart(7)} ms/call  ${r.query}`,
        );
    }
    const report = await checkLedger(handle.db);
    const escrow = await balanceOf(handle.db, accounts.escrow);
    const paidTotal = await sql<{
      n: number;
    }>`select coalesce(sum(total_fen), 0)::bigint as n from orders where state = 'paid'`.execute(handle.db);
    const ledgerBalanced = report.ok && escrow === Number(paidTotal.rows[0]!.n);
    console.log(
      `ledger: ${report.entries} entries, ok ${report.ok}, escrow ${escrow} fen = paid orders ${paidTotal.rows[0]!.n} fen`,
    );

    if (ESSENTIALS) {
      const used = await sql<{ orders: number; coupons: number; shipping: number }>`
        select count(*)::int as orders, count(platform_coupon_id)::int as coupons,
               coalesce(sum(shipping_fen), 0)::bigint as shipping
        from orders where state = 'paid'`.execute(handle.db);
      const u = used.rows[0]!;
      console.log(
        `essentials: ${u.orders} paid orders, ${u.coupons} with a coupon, shipping ${u.shipping} fen`,
      );
    }
    const pick = (loads: Load[], rates: number[]) =>
      loads[rates.indexOf([...rates].sort((a, b) => a - b)[Math.floor(rates.length / 2)]!)]!;
    const spreadMedian = pick(spreadRuns, spreadRates);
    const flashMedian = pick(flashLoads, flashRates);
    const suffix = `${ESSENTIALS ? '-essentials' : ''}${MODE === 'one-call' ? '' : '-two-calls'}${WEBHOOKS ? '-webhooks' : ''}`;
    results.push({
      scenario: `spread${suffix}`,
      ordersPerSec: round(median(spreadRates)),
      p50Ms: round(percentile(spreadMedian.latencies, 50)),
      p99Ms: round(percentile(spreadMedian.latencies, 99)),
      oversold: 0,
      ledgerBalanced,
      runs: spreadRates.map((r) => round(r)),
      serverCpuMs: spreadCpu.serverCpuMs(),
      postgresCpuMs: spreadCpu.postgresCpuMs(),
      loadAverage: [loadAtStart, loadAverage()],
      ...(webhooks ? { webhooks } : {}),
    });
    if (!ESSENTIALS)
      results.push({
        scenario: `flash_sale${suffix}`,
        ordersPerSec: round(median(flashRates)),
        p50Ms: round(percentile(flashMedian.latencies, 50)),
        p99Ms: round(percentile(flashMedian.latencies, 99)),
        oversold,
        ledgerBalanced,
        runs: flashRates.map((r) => round(r)),
        serverCpuMs: flashCpu.serverCpuMs(),
        postgresCpuMs: flashCpu.postgresCpuMs(),
        loadAverage: [loadAtStart, loadAverage()],
      });
  } finally {
    await sink?.close();
    await handle.close();
    await server.stop();
    for (const cleanup of cleanups.reverse()) await cleanup();
  }
  console.log(JSON.stringify(results));
}

await main();
