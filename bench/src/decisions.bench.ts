// Trust decision engine throughput (product rules §6). Two figures:
// 1. evaluation: a compiled 50-rule order-placement policy over in-memory feature snapshots with
//    velocity features, on one core (this process), decisions/s and per-decision p50/p99;
// 2. end to end: `decide()` against PostgreSQL (policy pointer read, velocity counters over 5 windows
//    for 6 entities, blacklist, labels, the decision row and, for a review, its case), sequential and
//    with 8 concurrent transactions.
// `npm run bench:decisions` (or `npm run decisions -w bench`); medians of 3 runs; the last line is JSON.
import { performance } from 'node:perf_hooks';
import { sql } from 'kysely';
import {
  activatePolicy,
  type Condition,
  compilePolicy,
  createDraft,
  decide,
  type FeatureSnapshot,
  type Policy,
  type Rule,
} from '../../server/src/modules/risk/index.ts';
import { connect, type Db } from '../../server/src/platform/db.ts';
import { benchDatabase } from './lib/bench-database.ts';
import { median, percentile, round } from './lib/stats.ts';

const RUNS = 3;
const EVAL_DECISIONS = 500_000;
const SNAPSHOTS = 4_096;
const E2E_SECONDS = Number(process.env.BENCH_E2E_SECONDS ?? 5);
const ENTITIES = ['buyer', 'device', 'phone', 'address', 'shop', 'sku'] as const;
const WINDOWS = ['1h', '24h', '7d', '30d', '90d'] as const;
const WINDOW_HOURS = { '1h': 1, '24h': 24, '7d': 168, '30d': 720, '90d': 2_160 };

// A deterministic generator, so every run sees the same policy and snapshots.
function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1_664_525 + 1_013_904_223) >>> 0;
    return s / 2 ** 32;
  };
}

const reason = { zh: '基准规则', en: 'benchmark rule' };

/** 50 rules: 30 velocity thresholds (6 entities × 5 windows), 10 compound, 5 label, 3 blacklist, 2 facts. */
export function fiftyRulePolicy(): Policy {
  const rules: Rule[] = [];
  const threshold = (e: number, w: number) => (10 + e * 3) * (w + 1) ** 2;
  ENTITIES.forEach((entity, e) => {
    WINDOWS.forEach((window, w) => {
      rules.push({
        id: `v-${entity}-${window}`,
        description: `${entity} orders in ${window}`,
        when: { feature: `${entity}.orders_${window}`, op: '>', value: threshold(e, w) },
        outcome: (e + w) % 4 === 0 ? 'block' : 'review',
        reason,
      });
    });
  });
  for (let i = 0; i < 10; i++) {
    const entity = ENTITIES[i % ENTITIES.length]!;
    const when: Condition =
      i % 3 === 0
        ? {
            all: [
              { feature: `${entity}.orders_24h`, op: '>=', value: 20 + i },
              { feature: 'amount_fen', op: '>=', value: 500_000 },
            ],
          }
        : i % 3 === 1
          ? {
              any: [
                {
                  all: [
                    { feature: 'account_age_days', op: '<', value: 1 },
                    { feature: `${entity}.orders_1h`, op: '>', value: 5 + i },
                  ],
                },
                { feature: 'quantity', op: '>', value: 50 + i },
              ],
            }
          : {
              all: [
                { not: { feature: 'live', op: '==', value: true } },
                { feature: `${entity}.orders_7d`, op: '>', value: 150 + i },
              ],
            };
    rules.push({ id: `c-${i}`, description: `compound ${i}`, when, outcome: 'review', reason });
  }
  const labels = ['fraud', 'high_refund', 'reseller', 'chargeback', 'promo_abuse'];
  labels.forEach((label, i) => {
    rules.push({
      id: `l-${label}`,
      description: `label ${label}`,
      when:
        i === 0 ? { label } : { all: [{ label }, { feature: 'buyer.orders_24h', op: '>', value: 3 + i }] },
      outcome: i === 0 ? 'block' : 'review',
      reason,
    });
  });
  rules.push(
    {
      id: 'b-phone',
      description: 'blacklisted phone',
      when: { linkedTo: 'blacklist', via: ['phone'] },
      outcome: 'block',
      reason,
    },
    {
      id: 'b-device',
      description: 'blacklisted device',
      when: { linkedTo: 'blacklist', via: ['device', 'address'] },
      outcome: 'review',
      reason,
    },
    {
      id: 'b-payout',
      description: 'blacklisted payout',
      when: { linkedTo: 'blacklist', via: ['payout_account', 'phone', 'device'] },
      outcome: 'review',
      reason,
    },
    {
      id: 'f-qty',
      description: 'bulk quantity',
      when: { feature: 'quantity', op: 'in', value: [99, 199, 999] },
      outcome: 'review',
      reason,
    },
    {
      id: 'f-new-big',
      description: 'new account big order',
      when: {
        all: [
          { feature: 'account_age_days', op: '<=', value: 0 },
          { feature: 'amount_fen', op: '>', value: 2_000_000 },
        ],
      },
      outcome: 'review',
      reason,
    },
  );
  return { checkpoint: 'order_placement', rules };
}

/** Feature snapshots as `decide` builds them: facts, 30 velocity counts, blacklist flags, labels. */
export function snapshots(n: number): FeatureSnapshot[] {
  const rand = rng(42);
  return Array.from({ length: n }, () => {
    const s: FeatureSnapshot = {
      amount_fen: Math.floor(rand() * 1_000_000),
      quantity: 1 + Math.floor(rand() * 5),
      account_age_days: Math.floor(rand() * 1_000),
      live: rand() < 0.5,
      labels: rand() < 0.03 ? ['high_refund'] : [],
      'blacklisted.phone': rand() < 0.002,
      'blacklisted.device': false,
      'blacklisted.address': false,
      'blacklisted.payout_account': false,
    };
    const heavy = rand() < 0.05;
    for (const entity of ENTITIES)
      for (const window of WINDOWS) {
        const base = Math.floor(rand() * 3 * Math.sqrt(WINDOW_HOURS[window]));
        s[`${entity}.orders_${window}`] = heavy ? base * 4 : base;
      }
    return s;
  });
}

function evaluationRun() {
  const compiled = compilePolicy(fiftyRulePolicy());
  const records = snapshots(SNAPSHOTS);
  // The features a decision reads, resolved to the policy's slots once (as an in-memory feature store
  // would hand them over): the figure is the rule evaluation alone.
  const inputs = records.map((s) => compiled.reads.map((name) => s[name]));
  const outcomes = { allow: 0, review: 0, block: 0 };
  for (let i = 0; i < 50_000; i++) compiled.evaluateValues(inputs[i % SNAPSHOTS]!); // warm-up (JIT)
  // throughput: no timer inside the loop
  let started = performance.now();
  for (let i = 0; i < EVAL_DECISIONS; i++)
    outcomes[compiled.evaluateValues(inputs[i % SNAPSHOTS]!).outcome] += 1;
  const seconds = (performance.now() - started) / 1_000;
  // latency: each decision timed on its own
  const latencies = new Float64Array(100_000);
  for (let i = 0; i < latencies.length; i++) {
    const t = process.hrtime.bigint();
    compiled.evaluateValues(inputs[i % SNAPSHOTS]!);
    latencies[i] = Number(process.hrtime.bigint() - t) / 1_000;
  }
  const sorted = [...latencies].sort((a, b) => a - b);
  // the same over feature records, as decide() does it: look the 39 features up by name, keep their values
  const recordDecisions = EVAL_DECISIONS / 5;
  started = performance.now();
  for (let i = 0; i < recordDecisions; i++) compiled.evaluate(records[i % SNAPSHOTS]!);
  const recordSeconds = (performance.now() - started) / 1_000;
  return {
    decisionsPerSec: Math.round(EVAL_DECISIONS / seconds),
    p50Us: round(percentile(sorted, 50), 2),
    p99Us: round(percentile(sorted, 99), 2),
    fromRecordsPerSec: Math.round(recordDecisions / recordSeconds),
    share: {
      review: round((outcomes.review / EVAL_DECISIONS) * 100, 2),
      block: round((outcomes.block / EVAL_DECISIONS) * 100, 2),
    },
  };
}

async function prepareDatabase(db: Db) {
  const user = await db
    .insertInto('users')
    .values({
      kind: 'ops',
      login: `bench-${process.pid}`,
      displayName: 'bench',
      phone: null,
      passwordHash: 'x',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const now = new Date();
  const draft = await createDraft(db, { ...fiftyRulePolicy(), userId: user.id, now });
  await activatePolicy(db, { policyId: draft.id, now });
  // 2,000 buyers, 50 shops, 500 SKUs with orders over the last 30 days (devices, phones and addresses new)
  await sql`
    insert into trust_counters (entity_type, entity_value, counter, bucket_start, count)
    select e.type, e.value, 'orders', date_trunc('hour', now()) - make_interval(hours => h), 1 + (h % 2)
    from (
      select 'buyer' as type, g::text as value from generate_series(1, 2000) g
      union all select 'shop', g::text from generate_series(1, 50) g
      union all select 'sku', g::text from generate_series(1, 500) g
    ) e, generate_series(0, 719, 11) h
    on conflict do nothing`.execute(db);
}

async function endToEndRun(db: Db, concurrency: number) {
  const latencies: number[] = [];
  const outcomes = { allow: 0, review: 0, block: 0 };
  const rand = rng(7 + concurrency);
  const deadline = performance.now() + E2E_SECONDS * 1_000;
  const started = performance.now();
  const worker = async () => {
    while (performance.now() < deadline) {
      const buyer = 1 + Math.floor(rand() * 2_000);
      const t = performance.now();
      const decision = await db.transaction().execute((tx) =>
        decide(tx, {
          checkpoint: 'order_placement',
          subject: { type: 'user', id: buyer },
          facts: {
            amount_fen: Math.floor(rand() * 1_000_000),
            quantity: 1,
            account_age_days: 30,
            live: false,
          },
          entities: {
            buyer: String(buyer),
            device: `device-${buyer}`,
            phone: `1380000${String(buyer).padStart(4, '0')}`,
            address: `address ${buyer % 500}`,
            shop: String(1 + (buyer % 50)),
            sku: String(1 + (buyer % 500)),
          },
          now: new Date(),
        }),
      );
      latencies.push(performance.now() - t);
      outcomes[decision.outcome] += 1;
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  const seconds = (performance.now() - started) / 1_000;
  latencies.sort((a, b) => a - b);
  return {
    decisionsPerSec: Math.round(latencies.length / seconds),
    p50Ms: round(percentile(latencies, 50), 2),
    p99Ms: round(percentile(latencies, 99), 2),
    outcomes,
  };
}

function summarise<T extends object, K extends keyof T & string>(runs: T[], keys: K[]): Record<K, number> {
  return Object.fromEntries(keys.map((k) => [k, median(runs.map((r) => r[k] as number))])) as Record<
    K,
    number
  >;
}

async function main() {
  console.log(
    `evaluation: compiled 50-rule policy, ${EVAL_DECISIONS.toLocaleString()} decisions per run, one core`,
  );
  const evalRuns = [];
  for (let run = 1; run <= RUNS; run++) {
    const r = evaluationRun();
    evalRuns.push(r);
    console.log(
      `  run ${run}: ${r.decisionsPerSec.toLocaleString()}/s, p50 ${r.p50Us} µs, p99 ${r.p99Us} µs (review ${r.share.review}%, block ${r.share.block}%)`,
    );
  }
  const evaluation = {
    rules: 50,
    ...summarise(evalRuns, ['decisionsPerSec', 'p50Us', 'p99Us', 'fromRecordsPerSec']),
    runs: evalRuns.map((r) => r.decisionsPerSec),
  };

  const cleanups: (() => Promise<void>)[] = [];
  const endToEnd: Record<string, unknown> & { selectOneRoundTripMs?: { p50: number; p99: number } } = {};
  try {
    const url = await benchDatabase('decisions', cleanups);
    const handle = connect(url, { max: 8, applicationName: 'decisions-bench' });
    cleanups.push(() => handle.close());
    await prepareDatabase(handle.db);
    await endToEndRun(handle.db, 1); // warm-up
    // context: what one statement round trip costs on this machine right now
    const trips: number[] = [];
    for (let i = 0; i < 300; i++) {
      const t = performance.now();
      await sql`select 1`.execute(handle.db);
      trips.push(performance.now() - t);
    }
    trips.sort((a, b) => a - b);
    endToEnd.selectOneRoundTripMs = {
      p50: round(percentile(trips, 50), 3),
      p99: round(percentile(trips, 99), 3),
    };
    console.log(
      `one \`select 1\` round trip: p50 ${endToEnd.selectOneRoundTripMs.p50} ms, p99 ${endToEnd.selectOneRoundTripMs.p99} ms`,
    );
    for (const concurrency of [1, 8]) {
      console.log(
        `end to end: decide() in its own transaction, ${concurrency} at a time, ${E2E_SECONDS} s per run`,
      );
      const runs = [];
      for (let run = 1; run <= RUNS; run++) {
        const r = await endToEndRun(handle.db, concurrency);
        runs.push(r);
        console.log(
          `  run ${run}: ${r.decisionsPerSec.toLocaleString()}/s, p50 ${r.p50Ms} ms, p99 ${r.p99Ms} ms ${JSON.stringify(r.outcomes)}`,
        );
      }
      endToEnd[`concurrency${concurrency}`] = {
        ...summarise(runs, ['decisionsPerSec', 'p50Ms', 'p99Ms']),
        runs: runs.map((r) => r.decisionsPerSec),
      };
    }
  } finally {
    for (const cleanup of cleanups.reverse())
      await cleanup().catch((err) => console.warn('cleanup failed', err));
  }
  const targets = {
    evaluationDecisionsPerSec: 50_000,
    evaluationP99Us: 1_000,
    met: evaluation.decisionsPerSec >= 50_000 && evaluation.p99Us <= 1_000,
  };
  console.log(JSON.stringify({ benchmark: 'decisions', evaluation, endToEnd, targets }));
}

if (process.env.BENCH_NO_MAIN !== '1') await main();
