// Experience score recompute (issue 15, product rules §7.1), part A of `npm run bench:reputation`:
// 10,000 shops with 1,000,000 completed orders over the last 30 days (bulk SQL, generate_series), each
// order shipped and delivered, some late, some refunded for quality (a share by buyers labelled
// high-refund, left out), some reviewed; then `recomputeScores` for every shop at once, timed.
// Target: ≤ 60 s. Prints the rate (shops/s) and seconds; returns the summary (the entry prints JSON).
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { sql } from 'kysely';
import { shopRequestFacts } from '../../server/src/modules/aftersales/index.ts';
import { currentConfig } from '../../server/src/modules/configuration/index.ts';
import { reviewFactsByShop } from '../../server/src/modules/content/index.ts';
import { shopLogisticsFacts } from '../../server/src/modules/fulfilment/index.ts';
import { repeatCustomerIndex, shopOrderFacts } from '../../server/src/modules/orders/index.ts';
import { recomputeScores } from '../../server/src/modules/reputation/index.ts';
import { connect, type Db } from '../../server/src/platform/db.ts';
import { benchDatabase } from './lib/bench-database.ts';
import { round } from './lib/stats.ts';

const SHOPS = Number(process.env.BENCH_SHOPS ?? 10_000);
const ORDERS = Number(process.env.BENCH_ORDERS ?? 1_000_000);
const BUYERS = Number(process.env.BENCH_BUYERS ?? 50_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 2);
const DAY_MS = 86_400_000;

export interface RecomputeSummary {
  scenario: 'reputation-recompute';
  shops: number;
  orders: number;
  scored: number;
  notEnoughOrders: number;
  seconds: number;
  shopsPerSec: number;
  runs: { seconds: number; shopsPerSec: number }[];
  setupSeconds: number;
  /** seconds of each source's one query for every shop, measured apart once before the runs */
  sources: Record<string, number>;
  cpus: number;
  withinTarget: boolean;
}

/** Users, one category, SHOPS shops with one product and SKU each, BUYERS buyers (1% labelled high-refund). */
async function people(db: Db, now: Date) {
  await sql`insert into categories (name, name_en) values ('基准类目', 'Bench category')`.execute(db);
  await sql`
    insert into users (kind, login, display_name, password_hash)
    select case when n <= ${SHOPS} then 'merchant' else 'buyer' end, 'bench-' || n, '用户' || n, 'x'
    from generate_series(1, ${SHOPS + BUYERS}::int) n`.execute(db);
  await sql`
    insert into shops (name, type, state, owner_user_id, main_category_id)
    select '店铺' || u.id, 'enterprise', 'active', u.id, (select min(id) from categories)
    from users u where u.kind = 'merchant' order by u.id`.execute(db);
  await sql`
    insert into products (shop_id, category_id, title, state)
    select s.id, s.main_category_id, '商品' || s.id, 'listed' from shops s order by s.id`.execute(db);
  await sql`
    insert into skus (product_id, code, price_fen, stock)
    select p.id, 'SKU' || p.id, 5000, 1000 from products p order by p.id`.execute(db);
  const { version } = await currentConfig(db);
  await sql`
    insert into buyer_labels (buyer_id, label, inputs, config_version, set_by, set_at)
    select id, 'high_refund', '{}', ${version}, 'system', ${now} from users
    where kind = 'buyer' and id % 100 = 0`.execute(db);
  return version;
}

/**
 * ORDERS completed orders spread over the shops (shop i gets a share that rises with i, so some fall
 * below 30) and over the last 29 days, each with one line, a shipment delivered 1–5 days later, 5%
 * late (a ship_by_missed incident); 3% refunded for quality (answered by the merchant), 20% reviewed.
 */
async function history(db: Db, now: Date, version: number) {
  const chunk = 100_000;
  for (let from = 0; from < ORDERS; from += chunk) {
    const count = Math.min(chunk, ORDERS - from);
    await sql`
      with src as (
        select n,
          -- a skewed spread: shops with a low number get few orders (some "not enough orders")
          (select min(id) from shops) + floor(power(random(), 0.7::float8) * ${SHOPS})::bigint as shop_id,
          (select min(id) from users where kind = 'buyer') + (n::bigint * 7919) % ${BUYERS} as buyer_id,
          ${now}::timestamptz - make_interval(hours => 1 + (n % (29 * 24))::int) as completed_at
        from generate_series(${from + 1}::int, ${from + count}::int) n
      ), grp as (
        insert into order_groups (buyer_id, total_fen)
        select buyer_id, 5000 from src order by n
        returning id, buyer_id
      ), numbered as (
        select g.id, row_number() over (order by g.id) + ${from} as n from grp g
      )
      insert into orders (group_id, buyer_id, shop_id, state, items_fen, total_fen, payment_due_at, paid_at,
        ship_by_at, shipped_at, delivered_at, completed_at, created_at, updated_at)
      select g.id, s.buyer_id, s.shop_id, 'completed', 5000, 5000,
        s.completed_at - interval '12 days', s.completed_at - interval '12 days',
        s.completed_at - interval '10 days', s.completed_at - interval '11 days',
        s.completed_at - interval '8 days', s.completed_at, s.completed_at - interval '12 days', s.completed_at
      from numbered g join src s on s.n = g.n`.execute(db);
  }
  await sql`
    insert into order_lines (order_id, sku_id, product_id, title, spec, unit_price_fen, quantity, line_fen,
      paid_fen, platform_commission_bp)
    select o.id, k.id, p.id, '商品', '默认', 5000, 1, 5000, 5000, 500
    from orders o join products p on p.shop_id = o.shop_id join skus k on k.product_id = p.id`.execute(db);
  await sql`
    insert into shipments (order_id, shop_id, carrier, tracking_number, status, shipped_by, shipped_at, updated_at)
    select o.id, o.shop_id, 'sandbox', 'BENCH' || lpad(o.id::text, 10, '0'), 'delivered', s.owner_user_id,
      o.shipped_at, o.delivered_at
    from orders o join shops s on s.id = o.shop_id`.execute(db);
  await sql`
    insert into shipment_events (shipment_id, event, at)
    select sh.id, 'delivered', sh.shipped_at + make_interval(hours => 24 + (sh.id % 96)::int) from shipments sh`.execute(
    db,
  );
  await sql`
    insert into fulfilment_incidents (order_id, kind, promised_at, details, at)
    select o.id, 'ship_by_missed', o.ship_by_at, 'bench', o.ship_by_at from orders o where o.id % 20 = 0`.execute(
    db,
  );
  await sql`
    insert into aftersales_requests (order_id, order_line_id, buyer_id, shop_id, type, reason, quantity,
      requested_fen, approved_fen, state, attempt, config_version, created_at, updated_at, closed_at)
    select o.id, l.id, o.buyer_id, o.shop_id, 'refund_only', 'quality_issue', 1, 5000, 5000, 'refunded', 1,
      ${version}, o.completed_at - interval '2 days', o.completed_at - interval '1 day', o.completed_at - interval '1 day'
    from orders o join order_lines l on l.order_id = o.id
    where o.id % 100 < 3`.execute(db);
  await sql`
    insert into aftersales_events (request_id, from_state, to_state, actor_kind, explanation_zh, explanation_en, at)
    select r.id, 'pending_merchant', 'refunded', 'merchant', '同意退款', 'approved',
      r.created_at + make_interval(hours => 1 + (r.id % 40)::int)
    from aftersales_requests r`.execute(db);
  await sql`
    insert into reviews (order_id, order_line_id, product_id, shop_id, buyer_id, rating, text, created_at)
    select o.id, l.id, l.product_id, o.shop_id, o.buyer_id, 1 + (o.id % 5)::int, '基准评价', o.completed_at
    from orders o join order_lines l on l.order_id = o.id
    where o.id % 5 = 0`.execute(db);
  await sql`analyze`.execute(db);
}

export async function runRecomputeBench(): Promise<RecomputeSummary> {
  const cleanups: Array<() => Promise<void>> = [];
  try {
    const url = await benchDatabase('reputation', cleanups);
    const handle = connect(url, { max: 2, applicationName: 'reputation-bench' });
    cleanups.push(() => handle.close());

    const now = new Date();
    const setupStarted = performance.now();
    const version = await people(handle.db, now);
    await history(handle.db, now, version);
    const setupSeconds = (performance.now() - setupStarted) / 1000;
    console.log(
      `part A: ${SHOPS.toLocaleString('en')} shops, ${ORDERS.toLocaleString('en')} completed orders with ` +
        `shipments, quality refunds and reviews built in ${setupSeconds.toFixed(1)} s`,
    );

    // Where the time goes: each source's set-based query for every shop, once.
    const sources: Record<string, number> = {};
    const from = new Date(now.getTime() - 30 * DAY_MS);
    const queries: Record<string, () => Promise<unknown>> = {
      orders: () => shopOrderFacts(handle.db, from, now),
      logistics: () => shopLogisticsFacts(handle.db, from, now),
      aftersales: () => shopRequestFacts(handle.db, from, now),
      reviews: () => reviewFactsByShop(handle.db, from, now),
      repeatIndex: () => repeatCustomerIndex(handle.db, now),
    };
    for (const [name, query] of Object.entries(queries)) {
      const started = performance.now();
      await query();
      sources[name] = round((performance.now() - started) / 1000, 2);
    }
    console.log(`sources (s): ${JSON.stringify(sources)}`);

    const runs: { seconds: number; shopsPerSec: number }[] = [];
    let last = { shops: 0, scored: 0 };
    for (let run = 1; run <= RUNS; run++) {
      const started = performance.now();
      // The daily deadline's work: every shop, one transaction.
      last = await handle.db
        .transaction()
        .execute((tx) => recomputeScores(tx, new Date(now.getTime() + (run * DAY_MS) / 24)));
      const seconds = (performance.now() - started) / 1000;
      runs.push({ seconds: round(seconds, 2), shopsPerSec: Math.round(last.shops / seconds) });
      console.log(
        `run ${run}: ${last.shops.toLocaleString('en')} shops recomputed in ${seconds.toFixed(2)} s`,
      );
    }
    const best = runs.reduce((a, b) => (a.seconds <= b.seconds ? a : b));
    const summary: RecomputeSummary = {
      scenario: 'reputation-recompute',
      shops: last.shops,
      orders: ORDERS,
      scored: last.scored,
      notEnoughOrders: last.shops - last.scored,
      seconds: best.seconds,
      shopsPerSec: best.shopsPerSec,
      runs,
      setupSeconds: round(setupSeconds, 1),
      sources,
      cpus: os.cpus().length,
      withinTarget: Math.max(...runs.map((r) => r.seconds)) <= 60,
    };
    console.log(
      `recompute: ${summary.shopsPerSec.toLocaleString('en')} shops/s, ${summary.seconds} s for ` +
        `${summary.shops.toLocaleString('en')} shops (${summary.scored.toLocaleString('en')} scored)`,
    );
    return summary;
  } finally {
    for (const step of cleanups.splice(0).reverse()) await step().catch((err) => console.error(err));
  }
}
