// Ranked search (issue 15, product rules §7.4), part B of `npm run bench:reputation`: 100,000 listed
// products of 2,000 shops (jieba-segmented titles, static ranks computed) and 1,000 live rooms on air;
// 32 requests in flight against the real server: search by a word (综合, and some 销量 / 价格), the home
// feed, and live discovery. Target: p99 ≤ 30 ms. The last line is a JSON summary.
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { CamelCasePlugin, Kysely, PostgresDialect, sql } from 'kysely';
import { backfillSearchText } from '../../server/src/modules/catalog/index.ts';
import { defaultConfig } from '../../server/src/modules/configuration/index.ts';
import { rankProducts, refreshAllRanks } from '../../server/src/modules/discovery/index.ts';
import { connect } from '../../server/src/platform/db.ts';
import { startServerProcess } from './lib/server-process.ts';
import { percentile, round } from './lib/stats.ts';

const PRODUCTS = Number(process.env.BENCH_PRODUCTS ?? 100_000);
const SHOPS = Number(process.env.BENCH_SHOPS ?? 2_000);
const ROOMS = Number(process.env.BENCH_ROOMS ?? 1_000);
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 4_000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 32);

// Titles from a vocabulary: a noun matches about 1% of the products, as a real keyword might.
const BRANDS = [
  '良品',
  '三只松鼠',
  '百草味',
  '华为',
  '小米',
  '李宁',
  '安踏',
  '回力',
  '南极人',
  '恒源祥',
  '蜂花',
  '百雀羚',
  '云南白药',
  '自然堂',
  '佰草集',
  '五芳斋',
  '稻香村',
  '老干妈',
  '农夫山泉',
  '伊利',
];
const ADJECTIVES = [
  '新鲜',
  '正宗',
  '特级',
  '加厚',
  '纯棉',
  '新款',
  '经典',
  '高端',
  '家用',
  '便携',
  '进口',
  '有机',
  '手工',
  '原味',
  '升级版',
];
const NOUNS = [
  '苹果',
  '橙子',
  '猕猴桃',
  '大米',
  '茶叶',
  '蜂蜜',
  '核桃',
  '红枣',
  '牛肉干',
  '坚果',
  '手机壳',
  '耳机',
  '充电宝',
  '数据线',
  '台灯',
  '毛巾',
  '床单',
  '枕头',
  '拖鞋',
  '袜子',
  '卫衣',
  '外套',
  '羽绒服',
  '牛仔裤',
  '运动鞋',
  '帆布鞋',
  '背包',
  '雨伞',
  '水杯',
  '保温杯',
  '洗发水',
  '沐浴露',
  '牙膏',
  '面霜',
  '口红',
  '香水',
  '面膜',
  '防晒霜',
  '洗衣液',
  '纸巾',
  '酱油',
  '食用油',
  '火锅底料',
  '方便面',
  '饼干',
  '巧克力',
  '牛奶',
  '酸奶',
  '咖啡',
  '月饼',
  '粽子',
  '腊肠',
  '辣条',
  '瓜子',
  '花生',
  '葡萄干',
  '枸杞',
  '燕窝',
  '阿胶',
  '人参',
  '螃蟹',
  '虾仁',
  '三文鱼',
  '鸡蛋',
  '土豆',
  '玉米',
  '红薯',
  '蘑菇',
  '木耳',
  '粉丝',
  '汤圆',
  '饺子',
  '包子',
  '馒头',
  '面条',
  '玩具',
  '积木',
  '绘本',
  '钢笔',
  '笔记本',
  '键盘',
  '鼠标',
  '显示器',
  '音箱',
  '相机',
  '手表',
  '项链',
  '戒指',
  '发夹',
  '围巾',
  '手套',
  '帽子',
  '眼镜',
  '钱包',
  '皮带',
  '行李箱',
  '瑜伽垫',
  '跳绳',
  '哑铃',
  '篮球',
];
const SPECS = ['500g', '1kg', '5斤装', '礼盒装', '2件套', '家庭装', 'XL', '大号', '迷你', '10支装'];

const pick = <T>(list: readonly T[], n: number) => list[n % list.length]!;

async function main() {
  console.log(
    `ranked search: ${os.cpus().length} cores, ${PRODUCTS} products of ${SHOPS} shops, ${ROOMS} live rooms, ` +
      `${REQUESTS} requests, ${CONCURRENCY} in flight`,
  );
  // No deadlines in the server: the bench computes the ranks itself, once, before measuring.
  const server = await startServerProcess({ XINREN_DEADLINES: 'off' });
  const handle = connect(server.databaseUrl, { max: 4 });
  const db = handle.db;
  try {
    let t = performance.now();
    await sql`insert into users (kind, login, display_name, password_hash)
      select 'merchant', 'rank-m' || n, '商家' || n, 'bench-no-login' from generate_series(1, ${SHOPS}) n`.execute(
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
      select '压测店铺' || n, 'enterprise', u.id, ${root!.id}, 'active', now() - (n % 90) * interval '1 day'
      from users u, lateral (select substr(u.login, 7)::int as n) x where u.login like 'rank-m%'`.execute(db);
    const shopIds = (await sql<{ id: number }>`select id from shops order by id`.execute(db)).rows.map(
      (r) => r.id,
    );
    const children = (
      await sql<{ id: number }>`select id from categories where parent_id = ${root!.id} order by id`.execute(
        db,
      )
    ).rows.map((r) => r.id);
    const titles = Array.from({ length: PRODUCTS }, (_, i) => {
      const noun = pick(NOUNS, (i * 7919) % 1_000_003);
      return `${pick(BRANDS, i)} ${pick(ADJECTIVES, i * 31 + 7)}${noun} ${pick(SPECS, i * 13 + 3)}`;
    });
    for (let from = 0; from < PRODUCTS; from += 10_000) {
      const n = Math.min(10_000, PRODUCTS - from);
      const idx = Array.from({ length: n }, (_, k) => from + k);
      await sql`
        with p as (
          insert into products (shop_id, category_id, title, description, state, guarantees)
          select s, c, t, '压测商品的描述，二十个字以上的描述文字', 'listed', '{}'
          from unnest(${idx.map((i) => pick(shopIds, i * 17))}::bigint[], ${idx.map((i) => pick(children, i))}::bigint[],
            ${idx.map((i) => titles[i]!)}::text[]) as v(s, c, t)
          returning id)
        insert into skus (product_id, code, price_fen, stock)
        select id, 'SKU-1', 990 + (id * 37) % 50000, 1000 from p`.execute(db);
    }
    // Rooms on air: a host each (a merchant of a shop), likes and viewers spread out.
    await sql`insert into live_sessions (host_user_id, shop_id, title, state, scheduled_at, started_at)
      select s.owner_user_id, s.id, '直播间 ' || s.id, 'live', now(), now()
      from shops s order by s.id limit ${ROOMS}`.execute(db);
    await sql`update live_sessions set likes = (id * 97) % 20000`.execute(db);
    // presence beats far ahead: the rooms keep their viewers for the whole run
    await sql`insert into live_presence (process_id, session_id, viewers, beat_at)
      select 'bench', id, (id * 31) % 5000, now() + interval '1 day' from live_sessions`.execute(db);
    // Some shops carry the 信任购 badge, some are traffic-limited: every signal is exercised.
    await sql`insert into trust_badges (shop_id, state, changed_at, config_version)
      select id, 'granted', now(), 1 from shops where id % 5 = 0`.execute(db);
    const seeded = performance.now() - t;

    t = performance.now();
    const indexed = await backfillSearchText(db);
    const indexMs = performance.now() - t;
    t = performance.now();
    const ranked = await refreshAllRanks(db, new Date());
    const refreshMs = performance.now() - t;
    await sql`analyze`.execute(db);
    console.log(
      `data: ${round(seeded / 1000)} s; jieba index of ${indexed} titles ${round(indexMs / 1000)} s ` +
        `(${Math.round(indexed / (indexMs / 1000))}/s); static ranks of ${ranked} products ${round(refreshMs / 1000)} s`,
    );

    if (process.env.BENCH_EXPLAIN) await explain(handle.pool);

    // The mix a buyer app sends: mostly 综合 searches by a word, some 销量/价格, the feed, live rooms.
    const urls = Array.from({ length: REQUESTS }, (_, n) => {
      const q = encodeURIComponent(pick(NOUNS, n * 13));
      const kind = n % 20;
      if (kind < 13) return `/api/v1/discovery/products?q=${q}`;
      if (kind < 15) return `/api/v1/discovery/products?q=${q}&sort=sales`;
      if (kind < 16) return `/api/v1/discovery/products?q=${q}&sort=price_asc`;
      if (kind < 18) return `/api/v1/discovery/products?limit=20`;
      return '/api/v1/discovery/live?limit=20';
    });
    const run = async (list: string[]) => {
      const byKind = new Map<string, number[]>();
      let next = 0;
      let failures = 0;
      const worker = async () => {
        while (next < list.length) {
          const url = list[next++]!;
          const sent = performance.now();
          const res = await fetch(`${server.baseUrl}${url}`);
          await res.arrayBuffer();
          const ms = performance.now() - sent;
          if (res.status !== 200) failures++;
          const kind = url.includes('/live')
            ? 'live'
            : url.includes('q=')
              ? url.includes('sort=')
                ? 'search sorted'
                : 'search 综合'
              : 'home feed';
          byKind.set(kind, [...(byKind.get(kind) ?? []), ms]);
        }
      };
      const started = performance.now();
      await Promise.all(Array.from({ length: CONCURRENCY }, worker));
      return { byKind, failures, seconds: (performance.now() - started) / 1000 };
    };
    await run(urls.slice(0, 400)); // warm up: plans, caches, the dictionary
    const { byKind, failures, seconds } = await run(urls);
    const all = [...byKind.values()].flat().sort((a, b) => a - b);
    const figures: Record<string, { n: number; p50: number; p95: number; p99: number }> = {};
    for (const [kind, values] of byKind) {
      const sorted = values.sort((a, b) => a - b);
      figures[kind] = {
        n: sorted.length,
        p50: round(percentile(sorted, 50)),
        p95: round(percentile(sorted, 95)),
        p99: round(percentile(sorted, 99)),
      };
      console.log(
        `${kind.padEnd(14)} n=${sorted.length}  p50 ${figures[kind].p50} ms  p95 ${figures[kind].p95} ms  p99 ${figures[kind].p99} ms`,
      );
    }
    const p99 = round(percentile(all, 99));
    console.log(
      `all: ${all.length} requests in ${round(seconds)} s (${Math.round(all.length / seconds)}/s), ` +
        `p50 ${round(percentile(all, 50))} ms, p99 ${p99} ms (target ≤ 30 ms), failures ${failures}`,
    );
    console.log(
      JSON.stringify({
        bench: 'ranked-search',
        products: PRODUCTS,
        shops: SHOPS,
        rooms: ROOMS,
        concurrency: CONCURRENCY,
        requests: all.length,
        rps: Math.round(all.length / seconds),
        p50Ms: round(percentile(all, 50)),
        p99Ms: p99,
        targetP99Ms: 30,
        failures,
        indexPerSecond: Math.round(indexed / (indexMs / 1000)),
        refreshSeconds: round(refreshMs / 1000),
        byKind: figures,
      }),
    );
  } finally {
    await handle.close();
    await server.stop();
  }
}

/** BENCH_EXPLAIN=1: the plans of a search, a sorted search and the home feed, with their timings. */
async function explain(pool: import('pg').Pool) {
  const statements: { sql: string; parameters: readonly unknown[] }[] = [];
  const logged = new Kysely<never>({
    dialect: new PostgresDialect({ pool }),
    plugins: [new CamelCasePlugin()],
    log: (event) => {
      if (event.level === 'query') statements.push(event.query);
    },
  });
  const ctx = {
    now: new Date(),
    weights: defaultConfig.ranking,
    configVersion: 1,
    surface: 'search' as const,
  };
  for (const query of [{ q: '苹果' }, { q: '苹果', sort: 'sales' as const }, {}]) {
    statements.length = 0;
    const t = performance.now();
    await rankProducts(logged as never, { ...query, limit: 20, offset: 0 }, ctx);
    console.log(`rankProducts ${JSON.stringify(query)}: ${round(performance.now() - t)} ms`);
    for (const s of statements) {
      const plan = await pool.query(`explain (analyze, buffers) ${s.sql}`, s.parameters as unknown[]);
      console.log(plan.rows.map((r: Record<string, string>) => r['QUERY PLAN']).join('\n'));
    }
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
