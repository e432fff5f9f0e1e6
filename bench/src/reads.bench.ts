// Buyer reads under load (issue 18): what the buyer app loads for the product page, the home's live
// list, the live room when it opens and a search, each driven by 64 concurrent clients for a fixed
// time against the real server (its own process, a fresh embedded PostgreSQL). Data: 20,000 listed
// products of 500 shops (jieba-indexed titles, static ranks computed), 200 rooms on air with 10 pinned
// products each, 100 upcoming rooms. Product pages are read with a Zipf popularity (`product`) and
// each in turn (`product_cold`, nearly every read a miss of any cache).
// `npm run bench:reads`; the last line is a JSON summary.
// BENCH_SECONDS (5), BENCH_CONCURRENCY (64), BENCH_ONLY=product,search: a subset.
// XINREN_PG_OPTIONS="-c shared_preload_libraries=pg_stat_statements" BENCH_PG_STATS=1: statements per
// read and the costliest ones, per endpoint.
import fs from 'node:fs';
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { sql } from 'kysely';
import { Pool } from 'undici';
import { backfillSearchText } from '../../server/src/modules/catalog/index.ts';
import { refreshAllRanks } from '../../server/src/modules/discovery/index.ts';
import { connect, type Db } from '../../server/src/platform/db.ts';
import { startServerProcess } from './lib/server-process.ts';
import { percentile, round } from './lib/stats.ts';

const PRODUCTS = Number(process.env.BENCH_PRODUCTS ?? 20_000);
const SHOPS = Number(process.env.BENCH_SHOPS ?? 500);
const ROOMS = Number(process.env.BENCH_ROOMS ?? 200);
const PINS = 10;
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 64);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const ONLY = process.env.BENCH_ONLY?.split(',');

const NOUNS = ['苹果', '橙子', '大米', '茶叶', '蜂蜜', '核桃', '耳机', '充电宝', '毛巾', '枕头'];
const NOUNS_MORE = ['卫衣', '外套', '背包', '水杯', '牙膏', '面霜', '饼干', '牛奶', '咖啡', '玩具'];
const ALL_NOUNS = [...NOUNS, ...NOUNS_MORE];
const ADJECTIVES = ['新鲜', '正宗', '特级', '加厚', '纯棉', '新款', '经典', '家用', '便携', '有机'];
const BRANDS = ['良品', '百草味', '华为', '小米', '李宁', '安踏', '南极人', '蜂花', '伊利', '五芳斋'];
const pick = <T>(list: readonly T[], n: number) => list[n % list.length]!;

interface Seeded {
  productIds: number[];
  roomIds: number[];
}

async function seed(db: Db): Promise<Seeded> {
  await sql`insert into users (kind, login, display_name, password_hash)
    select 'merchant', 'reads-m' || n, '商家' || n, 'bench-no-login' from generate_series(1, ${SHOPS}) n`.execute(
    db,
  );
  const [root] = (
    await sql<{ id: number }>`insert into categories (name, name_en, default_guarantees)
      values ('压测类目', 'bench', '{no_reason_7d}') returning id`.execute(db)
  ).rows;
  await sql`insert into categories (parent_id, name, name_en, default_guarantees)
    select ${root!.id}, '压测子类' || n, 'bench ' || n, '{no_reason_7d}' from generate_series(1, 10) n`.execute(
    db,
  );
  await sql`insert into shops (name, type, owner_user_id, main_category_id, state, created_at)
    select '压测店铺' || substr(u.login, 8), 'enterprise', u.id, ${root!.id}, 'active', now() - (u.id % 90) * interval '1 day'
    from users u where u.login like 'reads-m%'`.execute(db);
  const shopIds = (await sql<{ id: number }>`select id from shops order by id`.execute(db)).rows.map(
    (r) => r.id,
  );
  const children = (
    await sql<{ id: number }>`select id from categories where parent_id = ${root!.id} order by id`.execute(db)
  ).rows.map((r) => r.id);
  for (let from = 0; from < PRODUCTS; from += 10_000) {
    const idx = Array.from({ length: Math.min(10_000, PRODUCTS - from) }, (_, k) => from + k);
    // three SKUs a product, the product page shows them all
    await sql`
      with p as (
        insert into products (shop_id, category_id, title, description, state, guarantees, creator_commission_bp)
        select s, c, t, '压测商品的描述，二十个字以上的描述文字，写给买家看的', 'listed', '{}', 1000
        from unnest(${idx.map((i) => pick(shopIds, i * 17))}::bigint[], ${idx.map((i) => pick(children, i))}::bigint[],
          ${idx.map((i) => `${pick(BRANDS, i)} ${pick(ADJECTIVES, i * 31 + 7)}${pick(ALL_NOUNS, (i * 7919) % 1_000_003)} ${i}号`)}::text[]) as v(s, c, t)
        returning id)
      insert into skus (product_id, code, spec, price_fen, original_price_fen, stock)
      select id, 'SKU-' || k, '规格' || k, 990 + (id * 37) % 50000 + k * 100, null, 1000 from p, generate_series(1, 3) k`.execute(
      db,
    );
  }
  // Rooms on air (a shop's own room each, 10 of its products pinned) and upcoming ones.
  await sql`insert into live_sessions (host_user_id, shop_id, title, state, scheduled_at, started_at)
    select s.owner_user_id, s.id, '直播间 ' || s.id, 'live', now(), now() - (s.id % 60) * interval '1 minute'
    from shops s order by s.id limit ${ROOMS}`.execute(db);
  await sql`insert into live_sessions (host_user_id, shop_id, title, state, scheduled_at)
    select s.owner_user_id, s.id, '预告 ' || s.id, 'scheduled', now() + (s.id % 48) * interval '1 hour'
    from shops s order by s.id desc limit 100`.execute(db);
  await sql`update live_sessions set likes = (id * 97) % 20000`.execute(db);
  await sql`insert into live_pins (session_id, product_id, commission_bp, pinned_by, pinned_at)
    select l.id, p.id, 0, l.host_user_id, now()
    from live_sessions l
    cross join lateral (select id from products where shop_id = l.shop_id order by id limit ${PINS}) p
    where l.state = 'live'`.execute(db);
  // presence beats far ahead: the rooms keep their viewers for the whole run
  await sql`insert into live_presence (process_id, session_id, viewers, beat_at)
    select 'bench', id, (id * 31) % 5000, now() + interval '1 day' from live_sessions where state = 'live'`.execute(
    db,
  );
  await sql`insert into trust_badges (shop_id, state, changed_at, config_version)
    select id, 'granted', now(), 1 from shops where id % 5 = 0`.execute(db);
  await backfillSearchText(db);
  await refreshAllRanks(db, new Date());
  await sql`analyze`.execute(db);
  const productIds = (await sql<{ id: number }>`select id from products order by id`.execute(db)).rows.map(
    (r) => r.id,
  );
  const roomIds = (
    await sql<{ id: number }>`select id from live_sessions where state = 'live' order by id`.execute(db)
  ).rows.map((r) => r.id);
  return { productIds, roomIds };
}

/**
 * The n-th pick of a Zipf (s = 1) popularity over `count` items, 0 the most popular: as buyers' views
 * go, a few products (the feed's top, the rooms' pins) draw most of them.
 */
function zipf(count: number): (n: number) => number {
  const cumulative = new Float64Array(count);
  let sum = 0;
  for (let k = 0; k < count; k++) cumulative[k] = sum += 1 / (k + 1);
  return (n) => {
    // a fixed pseudo-random sequence (the same in every run and on every commit)
    const u = (((n * 2654435761) >>> 0) / 2 ** 32) * sum;
    let lo = 0;
    let hi = count - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid]! < u) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
}

/** The endpoints, each as the buyer app calls it (web/src/buyer): a path for the n-th request. */
function endpoints({ productIds, roomIds }: Seeded): Record<string, (n: number) => string> {
  const popular = zipf(productIds.length);
  return {
    // ProductPage.tsx: GET /products/{id}, products as popular as Zipf has them (the most popular ones
    // spread over the shops)
    product: (n) => `/api/v1/products/${pick(productIds, (popular(n) * 7919) % productIds.length)}`,
    // the same page, every product in turn (a cold cache: almost every read a miss)
    product_cold: (n) => `/api/v1/products/${pick(productIds, (n * 7919) % productIds.length)}`,
    // Home.tsx → LiveDiscovery.tsx: the rooms on air, ranked
    live_list: () => '/api/v1/discovery/live?limit=20',
    // Home.tsx: the upcoming rooms
    live_upcoming: () => '/api/v1/live/sessions?state=scheduled&limit=10',
    // LiveRoom.tsx: the room's snapshot when it opens
    live_room: (n) => `/api/v1/live/sessions/${pick(roomIds, n)}`,
    // SearchResults.tsx: a keyword, 综合, 40 a page
    search: (n) => `/api/v1/discovery/products?q=${encodeURIComponent(pick(NOUNS, n))}&sort=ranked&limit=40`,
  };
}

/**
 * CPU seconds used so far by the server process and by the embedded PostgreSQL under `dataDir` (its
 * postmaster and every backend), from /proc: load-independent cost per read. Undefined off Linux.
 */
function cpuSeconds(
  serverPid: number,
  dataDir: string,
): { server: number; postgres: Map<number, number> } | undefined {
  const tick = 100; // USER_HZ on Linux
  const stats = new Map<number, { ppid: number; cpu: number }>();
  try {
    for (const entry of fs.readdirSync('/proc')) {
      if (!/^\d+$/.test(entry)) continue;
      try {
        const text = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
        const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
        // fields[1] = ppid, fields[11] = utime, fields[12] = stime (man 5 proc, counted from field 3)
        stats.set(Number(entry), {
          ppid: Number(fields[1]),
          cpu: (Number(fields[11]) + Number(fields[12])) / tick,
        });
      } catch {}
    }
  } catch {
    return undefined;
  }
  const server = stats.get(serverPid);
  if (!server) return undefined;
  // pg_ctl detaches the postmaster: found by its data directory, not as the server's child
  const postmaster = [...stats.keys()].find((pid) => {
    try {
      return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').includes(`${dataDir}/pg`);
    } catch {
      return false;
    }
  });
  const postgres = new Map<number, number>();
  if (postmaster === undefined) return { server: server.cpu, postgres };
  postgres.set(postmaster, stats.get(postmaster)!.cpu);
  const below = new Set([postmaster]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const [pid, s] of stats)
      if (!below.has(pid) && below.has(s.ppid)) {
        below.add(pid);
        postgres.set(pid, s.cpu);
        grew = true;
      }
  }
  return { server: server.cpu, postgres };
}

interface Figures {
  endpoint: string;
  requests: number;
  rps: number;
  p50Ms: number;
  p99Ms: number;
  errors: number;
  bytes: number;
  /** CPU milliseconds per read of the server process and of PostgreSQL. */
  serverCpuMs?: number;
  postgresCpuMs?: number;
}

/** `CONCURRENCY` clients, each sending the next request as soon as its answer is read, for `seconds`. */
async function drive(pool: Pool, path: (n: number) => string, seconds: number) {
  const latencies: number[] = [];
  let errors = 0;
  let bytes = 0;
  let seq = 0;
  const started = performance.now();
  const end = started + seconds * 1000;
  const client = async () => {
    while (performance.now() < end) {
      const sent = performance.now();
      try {
        const res = await pool.request({ method: 'GET', path: path(seq++) });
        const body = await res.body.arrayBuffer();
        if (res.statusCode === 200) {
          latencies.push(performance.now() - sent);
          bytes += body.byteLength;
        } else if (++errors <= 3)
          console.warn(`unexpected ${res.statusCode}: ${Buffer.from(body).toString().slice(0, 200)}`);
      } catch (err) {
        if (++errors <= 3) console.warn(`request failed: ${err}`);
      }
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, client));
  const elapsed = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return { latencies, errors, elapsed, bytes };
}

async function statementsSince(db: Db) {
  const rows = await sql<{ calls: number; ms: number; query: string }>`
    select calls::int, round((total_exec_time + total_plan_time)::numeric, 1)::float as ms,
      left(regexp_replace(query, '\\s+', ' ', 'g'), 140) as query
    from pg_stat_statements
    where query not like '%pg_stat_statements%' and query not ilike 'listen %'
    order by total_exec_time + total_plan_time desc`.execute(db);
  return rows.rows;
}

async function main() {
  console.log(
    `reads benchmark: ${os.cpus().length} cores, load ${os
      .loadavg()
      .map((l) => round(l, 2))
      .join(' ')}, ` +
      `${PRODUCTS} products of ${SHOPS} shops, ${ROOMS} rooms on air, ${CONCURRENCY} concurrent, ${SECONDS} s each`,
  );
  // No deadlines: ranks are computed once here, and nothing moves under the measurement.
  const server = await startServerProcess({ XINREN_DEADLINES: 'off' });
  // The seed's writes fire no triggers (session_replication_role = replica): 100,000 rows written at
  // once would otherwise reach the server as a flood of cache notifications still arriving while it
  // is measured; nothing is cached before the first request anyway.
  const handle = connect(
    `${server.databaseUrl}?options=${encodeURIComponent('-c session_replication_role=replica')}`,
    {
      max: 4,
    },
  );
  const stats = Boolean(process.env.BENCH_PG_STATS);
  const results: Figures[] = [];
  try {
    if (stats) await sql`create extension if not exists pg_stat_statements`.execute(handle.db);
    const t = performance.now();
    const seeded = await seed(handle.db);
    console.log(`seeded in ${round((performance.now() - t) / 1000)} s`);
    const pool = new Pool(server.baseUrl, { connections: CONCURRENCY, pipelining: 1 });
    for (const [name, path] of Object.entries(endpoints(seeded))) {
      if (ONLY && !ONLY.includes(name)) continue;
      await drive(pool, path, 1); // warm-up: plans, caches, connections
      if (stats) await sql`select pg_stat_statements_reset()`.execute(handle.db);
      const cpuBefore = cpuSeconds(server.child.pid!, server.dataDir);
      const load = await drive(pool, path, SECONDS);
      const cpuAfter = cpuSeconds(server.child.pid!, server.dataDir);
      const figures: Figures = {
        endpoint: name,
        requests: load.latencies.length,
        rps: Math.round(load.latencies.length / load.elapsed),
        p50Ms: round(percentile(load.latencies, 50), 2),
        p99Ms: round(percentile(load.latencies, 99), 2),
        errors: load.errors,
        bytes: Math.round(load.bytes / Math.max(1, load.latencies.length)),
      };
      if (cpuBefore && cpuAfter) {
        const per = (a: number, b: number) => round(((b - a) * 1000) / Math.max(1, figures.requests), 3);
        figures.serverCpuMs = per(cpuBefore.server, cpuAfter.server);
        // per process: a backend that ended meanwhile (the pool closes idle ones) takes its time along
        let postgres = 0;
        for (const [pid, cpu] of cpuAfter.postgres) postgres += cpu - (cpuBefore.postgres.get(pid) ?? 0);
        figures.postgresCpuMs = per(0, postgres);
      }
      results.push(figures);
      console.log(
        `${name.padEnd(14)} ${String(figures.rps).padStart(6)} req/s  p50 ${figures.p50Ms} ms  p99 ${figures.p99Ms} ms  ` +
          `errors ${figures.errors}  ${figures.bytes} B/answer  CPU/read: server ${figures.serverCpuMs} ms, ` +
          `PostgreSQL ${figures.postgresCpuMs} ms  (load ${os.loadavg()[0]!.toFixed(2)})`,
      );
      if (stats) {
        const rows = await statementsSince(handle.db);
        const total = rows.reduce((s, r) => s + r.calls, 0);
        console.log(`  statements per read: ${round(total / Math.max(1, figures.requests), 2)}`);
        for (const r of rows.slice(0, 8))
          console.log(
            `  pg: ${String(r.ms).padStart(8)} ms ${String(r.calls).padStart(7)} calls  ${round(r.calls / Math.max(1, figures.requests), 2)}/read  ${r.query}`,
          );
      }
    }
    await pool.close();
  } finally {
    await handle.close();
    await server.stop();
  }
  console.log(JSON.stringify({ bench: 'reads', concurrency: CONCURRENCY, seconds: SECONDS, results }));
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
