// Coupon claim rush: two server processes share one database; N buyers each tap "领取" several times
// at once through both. Measures the claim rate and checks exactness: exactly the issue cap issued,
// no buyer above the per-buyer limit, every refusal a coupon_sold_out or coupon_claim_limit.
// `npm run bench:coupons`; the last line is a JSON summary.
import { randomBytes } from 'node:crypto';
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { sql } from 'kysely';
import { insertOpenPlatformCampaign } from '../../server/src/modules/promotions/promotions.test-support.ts';
import { connect } from '../../server/src/platform/db.ts';
import { buyersWithTokens } from './lib/buyers.ts';
import { startServerProcess } from './lib/server-process.ts';
import { percentile, round } from './lib/stats.ts';

const BUYERS = Number(process.env.BENCH_BUYERS ?? 4_000);
const TAPS = Number(process.env.BENCH_TAPS ?? 3);
const CAP = Number(process.env.BENCH_CAP ?? 5_000);
const PER_BUYER = Number(process.env.BENCH_PER_BUYER ?? 2);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 64);

async function main() {
  console.log(
    `coupon claim rush: ${os.cpus().length} cores, 2 server processes on one embedded PostgreSQL, ` +
      `${BUYERS} buyers × ${TAPS} taps, cap ${CAP}, ${PER_BUYER} per buyer, ${CONCURRENCY} in flight`,
  );
  const a = await startServerProcess();
  const b = await startServerProcess({ DATABASE_URL: a.databaseUrl, XINREN_DEADLINES: 'off' });
  const handle = connect(a.databaseUrl, { max: 4 });
  try {
    const { ids, tokens } = await buyersWithTokens(handle.db, BUYERS, { login: 'rush-b', display: '抢券' });
    const campaignId = await insertOpenPlatformCampaign(handle.db, {
      createdBy: ids[0]!,
      issueCap: CAP,
      perBuyerLimit: PER_BUYER,
    });
    // Node's own fetch (keep-alive): the bench needs no HTTP package of its own.
    const servers = [a.baseUrl, b.baseUrl];
    // Taps interleaved: a buyer's taps land on both processes at about the same time.
    const taps = Array.from({ length: BUYERS * TAPS }, (_, n) => ({
      buyer: n % BUYERS,
      server: servers[n % 2]!,
    }));
    const statuses = new Map<string, number>();
    const latencies: number[] = [];
    let next = 0;
    const started = performance.now();
    const worker = async () => {
      while (next < taps.length) {
        const tap = taps[next++]!;
        const sent = performance.now();
        const res = await fetch(`${tap.server}/api/v1/coupons/${campaignId}/claim`, {
          method: 'POST',
          headers: {
            authorization: `Bearer ${tokens[tap.buyer]}`,
            'content-type': 'application/json',
            'idempotency-key': `rush-${randomBytes(8).toString('hex')}`,
          },
          body: '{}',
        });
        const body = (await res.json()) as { error?: { code: string } };
        latencies.push(performance.now() - sent);
        const key = res.status === 201 ? '201' : `${res.status} ${body.error?.code}`;
        statuses.set(key, (statuses.get(key) ?? 0) + 1);
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
    const seconds = (performance.now() - started) / 1000;

    const issued = await handle.db
      .selectFrom('couponCampaigns')
      .select('issued')
      .where('id', '=', campaignId)
      .executeTakeFirstOrThrow();
    const held = await sql<{ coupons: number; overLimit: number; maxPerBuyer: number }>`
      select count(*)::int as coupons,
             count(*) filter (where n > ${PER_BUYER})::int as "overLimit",
             coalesce(max(n), 0)::int as "maxPerBuyer"
      from (select buyer_id, count(*) as n from buyer_coupons where campaign_id = ${campaignId} group by buyer_id) per_buyer`.execute(
      handle.db,
    );
    const coupons = await sql<{
      n: number;
    }>`select count(*)::int as n from buyer_coupons where campaign_id = ${campaignId}`.execute(handle.db);
    const granted = statuses.get('201') ?? 0;
    const expectedIssued = Math.min(CAP, BUYERS * Math.min(TAPS, PER_BUYER));
    const unexpected = [...statuses.keys()].filter(
      (k) => k !== '201' && k !== '409 coupon_sold_out' && k !== '409 coupon_claim_limit',
    );
    const exact =
      issued.issued === expectedIssued &&
      granted === expectedIssued &&
      coupons.rows[0]!.n === expectedIssued &&
      held.rows[0]!.overLimit === 0 &&
      unexpected.length === 0;
    latencies.sort((x, y) => x - y);
    const summary = {
      benchmark: 'coupons',
      buyers: BUYERS,
      taps: taps.length,
      cap: CAP,
      perBuyerLimit: PER_BUYER,
      concurrency: CONCURRENCY,
      seconds: round(seconds, 2),
      claimsPerSec: round(taps.length / seconds),
      grantedPerSec: round(granted / seconds),
      p50Ms: round(percentile(latencies, 50)),
      p99Ms: round(percentile(latencies, 99)),
      issued: issued.issued,
      granted,
      maxPerBuyer: held.rows[0]!.maxPerBuyer,
      overLimit: held.rows[0]!.overLimit,
      statuses: Object.fromEntries(statuses),
      exact,
      loadavg: os.loadavg().map((l) => round(l, 2)),
    };
    console.log(
      `${taps.length} claims in ${summary.seconds} s: ${summary.claimsPerSec} claims/s (${summary.grantedPerSec} granted/s), ` +
        `p50 ${summary.p50Ms} ms, p99 ${summary.p99Ms} ms; issued ${issued.issued} of cap ${CAP} ` +
        `(expected ${expectedIssued}), most per buyer ${summary.maxPerBuyer} (limit ${PER_BUYER}): ${exact ? 'exact' : 'NOT EXACT'}`,
    );
    console.log(JSON.stringify(summary));
    if (!exact) process.exitCode = 1;
  } finally {
    await handle.close();
    await b.stop();
    await a.stop();
  }
}

await main();
