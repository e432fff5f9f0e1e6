// Rewards of standing (issue 15, product rules §7.2): the daily refresh after the score recompute, over
// 10,000 shops (3 listed products each, scores spread over 3.5–5, 2% with a serious violation, 5% in
// probation of whom half opened over 90 days ago, 5% with orders completed). Runs 1: grants (and
// probation exits); 2: nothing changes; 3: after 1,000 scores drop, the revocations.
// `npx tsx src/standing-refresh.ts` from bench/; prints a JSON summary.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { sql } from 'kysely';
import pg from 'pg';
import { refreshStanding } from '../../server/src/modules/standing/index.ts';
import { connect, type Db, ensureDatabase } from '../../server/src/platform/db.ts';
import { startEmbeddedPostgres } from '../../server/src/platform/embedded-postgres.ts';
import { migrate } from '../../server/src/platform/migrate.ts';
import { round } from './lib/stats.ts';

const SHOPS = Number(process.env.BENCH_SHOPS ?? 10_000);

async function arrange(db: Db, now: Date) {
  await sql`insert into categories (name, name_en, default_guarantees)
            values ('基准类目', 'Bench category', '{no_reason_7d,freight_insurance}')`.execute(db);
  await sql`
    insert into users (kind, login, display_name, password_hash)
    select 'merchant', 'bench-' || n, '用户' || n, 'x' from generate_series(1, ${SHOPS}::int) n`.execute(db);
  // every 20th shop in probation; half of those opened 100 days ago
  await sql`
    insert into shops (name, type, state, owner_user_id, main_category_id, created_at)
    select '店铺' || u.id, 'enterprise', case when u.id % 20 = 0 then 'probation' else 'active' end, u.id,
           (select min(id) from categories),
           ${now}::timestamptz - (case when u.id % 40 = 0 then 100 else 30 end) * interval '1 day'
    from users u order by u.id`.execute(db);
  await sql`
    insert into products (shop_id, category_id, title, state)
    select s.id, s.main_category_id, '商品' || s.id || '-' || k, 'listed'
    from shops s cross join generate_series(1, 3) k order by s.id`.execute(db);
  await sql`
    insert into shop_reputation (shop_id, day, score, band, completed_orders, quality_refund_rate_bp, inputs,
                                 metrics, dims, drags, config_version, computed_at)
    select s.id, current_date, sc, case when sc >= 4.7 then 'excellent' when sc >= 4.5 then 'good'
                                        when sc >= 4 then 'fair' else 'poor' end,
           40, 0, '{}', '[]', '[]', '[]', 1, ${now}
    from (select id, round((3.5 + (id % 151) / 100.0)::numeric, 2) as sc from shops) s`.execute(db);
  await sql`
    insert into governance_violations (shop_id, code, severity, points, subject_type, evidence_text, source,
                                       state, created_at, updated_at)
    select s.id, 'off_platform_trade', 'serious', 4, 'shop', '基准', 'ops', 'enforced', ${now}, ${now}
    from shops s where s.id % 50 = 7`.execute(db);
}

export async function runStandingBench() {
  const cleanups: (() => Promise<void>)[] = [];
  try {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'xinren-bench-standing-'));
    fs.chmodSync(tmp, 0o755);
    cleanups.push(async () => fs.rmSync(tmp, { recursive: true, force: true }));
    const embedded = await startEmbeddedPostgres({
      dataDir: tmp,
      port: 20_000 + Math.floor(Math.random() * 20_000),
      logger: { info: () => {}, warn: (...args: unknown[]) => console.warn(...args) },
    });
    cleanups.push(() => embedded.stop());
    const dbName = `xinren_bench_standing_${process.pid}`;
    const url = await ensureDatabase(embedded.url, dbName);
    cleanups.push(async () => {
      const admin = new pg.Client({ connectionString: embedded.url });
      await admin.connect();
      await admin.query(`drop database if exists ${dbName} with (force)`);
      await admin.end();
    });
    await migrate(url);
    const handle = connect(url, { max: 2, applicationName: 'standing-bench' });
    cleanups.push(() => handle.close());
    const now = new Date();
    await arrange(handle.db, now);
    const run = async (label: string) => {
      const started = performance.now();
      const result = await handle.db.transaction().execute((tx) => refreshStanding(tx, now));
      const seconds = round((performance.now() - started) / 1000, 3);
      const out = {
        label,
        seconds,
        shops: result.shops,
        granted: result.granted.length,
        revoked: result.revoked.length,
        graduated: result.graduated.length,
      };
      console.log(JSON.stringify(out));
      return out;
    };
    const runs = [await run('first: grants and exits'), await run('again: no change')];
    await sql`update shop_reputation set score = 4.10, band = 'fair' where shop_id % 10 = 3`.execute(
      handle.db,
    );
    runs.push(await run('after 1,000 scores drop: revocations'));
    return { scenario: 'standing-refresh', shops: SHOPS, runs, cpus: os.cpus().length };
  } finally {
    for (const cleanup of cleanups.reverse()) await cleanup().catch(() => {});
  }
}

runStandingBench().then(
  (summary) => console.log(JSON.stringify(summary)),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
