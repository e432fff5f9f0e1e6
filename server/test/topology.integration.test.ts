import { randomBytes } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { openEvents } from '../src/modules/live/live-events.test-support.ts';
import { HOUR, systemClock } from '../src/platform/clock.ts';
import { connect, type DbHandle } from '../src/platform/db.ts';
import { startTopology, type Topology } from '../topology/index.ts';
import { executable } from '../topology/managed-process.ts';
import { listening, waitFor } from '../topology/ports.ts';
import { BINARIES, missingBinaries } from '../topology/services.ts';
import { buildBuyer, buildListedProduct, buildShop, buildUser, type TestUser } from './builders.ts';
import type { TestContext } from './harness.ts';
import { startReceiver, type WebhookReceiver } from './webhook-receiver.ts';

/**
 * The scale-out topology on this machine (server/topology): a PostgreSQL primary and a
 * streaming replica, PgBouncer in transaction mode, NATS JetStream, three `api` and two `worker`
 * processes of the real server, HAProxy in front. One topology for the whole file; the scenarios run
 * in order on it (each makes its own shop, buyers and rooms).
 */

// NATS: our own nats-server when the binary is there; else a NATS already running (NATS_URL or the
// machine's 127.0.0.1:4222) — then the scenario that kills NATS cannot run.
const natsBinary = executable(BINARIES.nats);
const machineNats = process.env.NATS_URL ?? 'nats://127.0.0.1:4222';
const externalNats =
  !natsBinary && (await listening(Number(new URL(machineNats).port || 4222), new URL(machineNats).hostname))
    ? machineNats
    : undefined;
const missing = missingBinaries(['haproxy', 'pgbouncer']);
const skipReason =
  !natsBinary && !externalNats
    ? `NATS is not reachable (no ${BINARIES.nats}, nothing answers at ${machineNats})`
    : missing.length > 0
      ? `missing ${missing.join(', ')} (Debian: apt-get install haproxy pgbouncer)`
      : undefined;
if (skipReason) console.warn(`topology.integration.test.ts skipped: ${skipReason}`);

let topology: Topology;
let handle: DbHandle;
// The builders only write rows (db) and stamp times (clock): the topology's primary and the real clock.
let ctx: TestContext;
const receivers: WebhookReceiver[] = [];

beforeAll(async () => {
  if (skipReason) return;
  topology = await startTopology({
    apis: 3,
    workers: 2,
    nats: true,
    ...(externalNats ? { externalNatsUrl: externalNats } : {}),
    replica: true,
    pgbouncer: true,
  });
  console.log(`topology started in ${topology.timings.total} ms: ${JSON.stringify(topology.timings)}`);
  handle = connect(topology.primaryUrl, { max: 5, applicationName: 'xinren-topology-test' });
  ctx = { db: handle.db, clock: systemClock } as unknown as TestContext;
}, 300_000);

// A failed scenario shows what the processes logged (LOG_LEVEL=warn: their warnings and errors).
afterEach(({ task }) => {
  if (task.result?.state !== 'fail' || !topology) return;
  for (const p of [...topology.apis, ...topology.workers]) {
    const tail = p.output().trim().split('\n').slice(-15).join('\n');
    if (tail) console.log(`--- ${p.name} (pid ${p.pid}) ---\n${tail}`);
  }
});

afterAll(async () => {
  for (const r of receivers) await r.close();
  await handle?.close();
  await topology?.stop();
}, 60_000);

interface Answer {
  status: number;
  body: any;
  backend: string | null;
}

async function call(
  base: string,
  method: string,
  path: string,
  opts: { token?: string; body?: unknown; headers?: Record<string, string> } = {},
): Promise<Answer> {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: {
      ...(opts.token ? { authorization: `Bearer ${opts.token}` } : {}),
      ...(opts.body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...opts.headers,
    },
    ...(opts.body !== undefined ? { body: JSON.stringify(opts.body) } : {}),
    signal: AbortSignal.timeout(30_000),
  });
  const text = await res.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {}
  return { status: res.status, body, backend: res.headers.get('x-xinren-backend') };
}

const checkout = (base: string, buyer: TestUser, skuId: number) =>
  call(base, 'POST', '/api/v1/checkout', {
    token: buyer.token,
    headers: { 'idempotency-key': `topology-${randomBytes(8).toString('hex')}` },
    body: { items: [{ skuId, quantity: 1 }], pay: { method: 'sandbox' } },
  });

const paid = (a: Answer) => a.status === 201 && a.body?.payment?.state === 'succeeded';
const tally = (answers: Answer[]) =>
  answers.reduce<Record<string, number>>((acc, a) => {
    const key = `${a.status} ${a.body?.error?.code ?? a.body?.payment?.state ?? ''}`;
    acc[key] = (acc[key] ?? 0) + 1;
    return acc;
  }, {});

async function buyers(n: number): Promise<TestUser[]> {
  const out: TestUser[] = [];
  for (let i = 0; i < n; i += 20) {
    out.push(...(await Promise.all(Array.from({ length: Math.min(20, n - i) }, () => buildBuyer(ctx)))));
  }
  return out;
}

/** A creator's room on air (scheduled and started through HAProxy). */
async function roomOnAir(): Promise<{ creator: TestUser; sessionId: number }> {
  const creator = await buildUser(ctx, 'creator');
  const scheduled = await call(topology.url, 'POST', '/api/v1/live/sessions', {
    token: creator.token,
    body: { title: '拓扑直播间', scheduledAt: new Date(Date.now() + HOUR).toISOString() },
  });
  expect(scheduled.status, JSON.stringify(scheduled.body)).toBe(201);
  const started = await call(topology.url, 'POST', `/api/v1/live/sessions/${scheduled.body.id}/start`, {
    token: creator.token,
    body: {},
  });
  expect(started.status, JSON.stringify(started.body)).toBe(200);
  return { creator, sessionId: scheduled.body.id };
}

/** One viewer's event stream on every api process, each past its snapshot. */
async function viewersOnEveryApi(sessionId: number) {
  const viewers = await Promise.all(
    topology.apis.map((api, i) =>
      openEvents(api.url, sessionId, { viewer: `topology-viewer-${sessionId}-${i + 1}` }),
    ),
  );
  for (const v of viewers) await v.next('snapshot');
  return viewers;
}

type Viewer = Awaited<ReturnType<typeof viewersOnEveryApi>>[number];

/** Whether the comment `text` reaches `viewer` within `ms`. */
async function reaches(viewer: Viewer, text: string, ms: number): Promise<boolean> {
  try {
    await viewer.until('comment', (d) => d.text === text, ms);
    return true;
  } catch {
    return false;
  }
}

async function comment(base: string, sessionId: number, author: TestUser, text: string) {
  const res = await call(base, 'POST', `/api/v1/live/sessions/${sessionId}/comments`, {
    token: author.token,
    body: { text },
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
}

/** A shop with a webhook endpoint for order.paid at a real receiver, and a SKU with plenty of stock. */
async function shopWithReceiver(path: string, delayMs: number) {
  const receiver = await startReceiver(() => ({ status: 200, delayMs }));
  receivers.push(receiver);
  const { shopId, owner } = await buildShop(ctx);
  const { skuIds } = await buildListedProduct(ctx, shopId, { skus: [{ priceFen: 1_990, stock: 10_000 }] });
  const endpoint = await call(topology.url, 'POST', `/api/v1/shops/${shopId}/webhooks`, {
    token: owner.token,
    body: { url: `${receiver.url}${path}`, eventTypes: ['order.paid'] },
  });
  expect(endpoint.status, JSON.stringify(endpoint.body)).toBe(201);
  /** The paid order ids that arrived (duplicates by webhook-id counted once). */
  const arrivedOrderIds = () => {
    const byWebhookId = new Map<string, number>();
    for (const r of receiver.at(path)) {
      const event = JSON.parse(r.body) as { type: string; data: { orderId: number } };
      if (event.type === 'order.paid') {
        byWebhookId.set(String(r.headers['webhook-id']), event.data.orderId);
      }
    }
    return new Set(byWebhookId.values());
  };
  return { receiver, shopId, skuId: skuIds[0]!, endpointId: endpoint.body.id as number, arrivedOrderIds };
}

/** A process's read-replica metrics (platform/read-replica.ts) from its /metrics. */
async function replicaMetrics(base: string) {
  const res = await fetch(`${base}/metrics`);
  const text = await res.text();
  const value = (series: string) => {
    const line = text.split('\n').find((l) => l.startsWith(`${series} `));
    return line ? Number(line.slice(series.length + 1)) : 0;
  };
  return {
    up: value('xinren_read_replica_up'),
    toReplica: value('xinren_read_replica_routed_total{to="replica"}'),
    toPrimaryDown: value('xinren_read_replica_routed_total{to="primary_down"}'),
    failoversDown: value('xinren_read_replica_failovers_total{failure="down"}'),
  };
}

const orderIds = (answers: Answer[]) =>
  answers.flatMap((a) => a.body.orders.map((o: { id: number }) => o.id));

describe.skipIf(skipReason !== undefined)(
  'the scale-out topology (3 api, 2 workers, NATS, replica, PgBouncer)',
  () => {
    it('a flash sale bought by many buyers at once through HAProxy sells exactly its stock, on every api process', async () => {
      const { shopId, owner } = await buildShop(ctx);
      const { skuIds } = await buildListedProduct(ctx, shopId, { skus: [{ priceFen: 9_900, stock: 40 }] });
      const skuId = skuIds[0]!;
      const sale = await call(topology.url, 'POST', `/api/v1/shops/${shopId}/flash-sales`, {
        token: owner.token,
        body: {
          skuId,
          priceFen: 5_900,
          stockCap: 25,
          perBuyerLimit: 1,
          startsAt: new Date().toISOString(),
          endsAt: new Date(Date.now() + 2 * HOUR).toISOString(),
        },
      });
      expect(sale.status, JSON.stringify(sale.body)).toBe(201);
      expect(sale.body.state).toBe('running');
      const crowd = await buyers(80);

      const answers = await Promise.all(crowd.map((b) => checkout(topology.url, b, skuId)));

      const sold = answers.filter(paid);
      expect(sold.length, JSON.stringify(tally(answers))).toBe(25);
      for (const a of sold) expect(a.body.orders[0].totalFen).toBeGreaterThanOrEqual(5_900);
      const refused = answers.filter((a) => !paid(a));
      expect(refused.map((a) => `${a.status} ${a.body?.error?.code}`)).toEqual(
        refused.map(() => '409 flash_sale_sold_out'),
      );
      // HAProxy spread the crowd over all three api processes
      expect(new Set(answers.map((a) => a.backend))).toEqual(new Set(topology.apis.map((a) => a.name)));
      const row = await ctx.db
        .selectFrom('flashSales')
        .select('sold')
        .where('id', '=', sale.body.id)
        .executeTakeFirstOrThrow();
      expect(row.sold).toBe(25);
      const sku = await ctx.db
        .selectFrom('skus')
        .select('stock')
        .where('id', '=', skuId)
        .executeTakeFirstOrThrow();
      expect(sku.stock).toBe(40 - 25);
      const orders = await ctx.db
        .selectFrom('orders')
        .select(['id', 'state'])
        .where('id', 'in', orderIds(sold))
        .execute();
      expect(orders).toHaveLength(25);
      expect(orders.every((o) => o.state === 'paid')).toBe(true);
    }, 120_000);

    it('a live comment reaches viewers connected directly to every api process', async () => {
      const { sessionId } = await roomOnAir();
      const viewers = await viewersOnEveryApi(sessionId);
      const buyer = await buildBuyer(ctx);
      try {
        // posted on each process in turn: every viewer, wherever connected, sees all three
        for (const [i, api] of topology.apis.entries()) {
          const text = `请问有L码吗 ${i + 1}`;
          await comment(api.url, sessionId, buyer, text);
          for (const v of viewers) await v.until('comment', (d) => d.text === text, 10_000);
        }
      } finally {
        for (const v of viewers) v.close();
      }
    }, 60_000);

    it('workers SIGKILLed in the middle of webhook delivery lose no event: every order.paid arrives', async () => {
      const shop = await shopWithReceiver('/worker-crash', 100);
      const crowd = await buyers(60);
      const answers = await Promise.all(crowd.map((b) => checkout(topology.url, b, shop.skuId)));
      expect(answers.filter(paid).length, JSON.stringify(tally(answers))).toBe(60);
      const expected = orderIds(answers);

      await waitFor(
        () => shop.receiver.at('/worker-crash').length >= 10,
        'the first webhooks to arrive',
        60_000,
        20,
      );
      // Both workers (whichever was delivering: each claims batches) die at once, mid-run, and come back.
      await Promise.all(topology.workers.map((w) => w.kill('SIGKILL')));
      const arrivedAtKill = shop.arrivedOrderIds().size;
      expect(arrivedAtKill).toBeLessThan(expected.length);
      await Promise.all(topology.workers.map((w) => w.restart()));

      await waitFor(
        () => expected.every((id) => shop.arrivedOrderIds().has(id)),
        () => `every order.paid to arrive (${shop.arrivedOrderIds().size}/${expected.length} so far)`,
        120_000,
        200,
      );
      // A delivery cut off by the kill may have reached the receiver unrecorded: its lease runs out,
      // it is sent again (same webhook-id) and recorded; in the end one succeeded delivery per event.
      const states = async () =>
        (
          await ctx.db
            .selectFrom('webhookDeliveries')
            .select('state')
            .where('endpointId', '=', shop.endpointId)
            .execute()
        ).map((d) => d.state);
      await waitFor(
        async () => (await states()).every((s) => s === 'succeeded'),
        'every delivery to be recorded as succeeded',
        150_000,
        500,
      );
      expect(await states()).toEqual(expected.map(() => 'succeeded'));
    }, 300_000);

    it('with the replica killed, product pages and search still answer 200 on every api process (from the primary)', async () => {
      const { shopId } = await buildShop(ctx);
      const title = `拓扑副本测试 ${randomBytes(3).toString('hex')}`;
      const { productId } = await buildListedProduct(ctx, shopId, { title });
      await topology.waitReplicaCaughtUp();
      const reads = async (base: string) => {
        const page = await call(base, 'GET', `/api/v1/products/${productId}`);
        expect(page.status, JSON.stringify(page.body)).toBe(200);
        expect(page.body.title).toBe(title);
        const search = await call(base, 'GET', `/api/v1/products?shopId=${shopId}`);
        expect(search.status, JSON.stringify(search.body)).toBe(200);
        expect(search.body.items.map((p: { id: number }) => p.id)).toEqual([productId]);
      };
      const before = await Promise.all(topology.apis.map((api) => replicaMetrics(api.url)));
      for (const api of topology.apis) await reads(api.url);
      // the search went to the replica on every process
      const onReplica = await Promise.all(topology.apis.map((api) => replicaMetrics(api.url)));
      for (const [i, m] of onReplica.entries()) expect(m.toReplica).toBeGreaterThan(before[i]!.toReplica);

      await topology.killReplica();
      try {
        // twice on each: the first finds the replica gone, the next is routed knowing it
        for (let round = 0; round < 2; round++) {
          for (const api of topology.apis) {
            const started = Date.now();
            await reads(api.url);
            expect(Date.now() - started).toBeLessThan(10_000);
          }
          await reads(topology.url);
        }
        // …and every process answered them from the primary and marked the replica down
        const down = await Promise.all(topology.apis.map((api) => replicaMetrics(api.url)));
        for (const [i, m] of down.entries()) {
          expect(m.toPrimaryDown + m.failoversDown).toBeGreaterThan(
            onReplica[i]!.toPrimaryDown + onReplica[i]!.failoversDown,
          );
          expect(m.up).toBe(0);
        }
      } finally {
        await topology.startReplica();
      }
      // back: the processes find the replica again and read from it
      await waitFor(
        async () =>
          (await Promise.all(topology.apis.map((api) => replicaMetrics(api.url)))).every((m) => m.up === 1),
        'every api process to use the replica again',
        60_000,
        500,
      );
    }, 120_000);

    it.skipIf(externalNats !== undefined)(
      'with NATS killed, live comments stop crossing processes but checkout keeps working and loses no order; with NATS back, comments flow again',
      async () => {
        const { sessionId } = await roomOnAir();
        const viewers = await viewersOnEveryApi(sessionId);
        const shop = await shopWithReceiver('/nats-outage', 0);
        const [commenter, ...crowd] = await buyers(21);
        try {
          await comment(topology.apis[0]!.url, sessionId, commenter!, '开播啦');
          for (const v of viewers) await v.until('comment', (d) => d.text === '开播啦', 10_000);

          await topology.killNats();
          // degraded: a comment on api-1 does not reach the viewers of the other processes
          await comment(topology.apis[0]!.url, sessionId, commenter!, 'NATS 断开时的评论');
          const crossed = await Promise.all(
            viewers.slice(1).map((v) => reaches(v, 'NATS 断开时的评论', 3_000)),
          );
          expect(crossed).toEqual([false, false]);

          // orders never wait for NATS
          const answers = await Promise.all(crowd.map((b) => checkout(topology.url, b, shop.skuId)));
          expect(answers.filter(paid).length, JSON.stringify(tally(answers))).toBe(20);
          const expected = orderIds(answers);
          const stored = await ctx.db
            .selectFrom('orders')
            .select('state')
            .where('id', 'in', expected)
            .execute();
          expect(stored.map((o) => o.state)).toEqual(expected.map(() => 'paid'));

          await topology.startNats();
          // recovered: once the processes have reconnected, a comment reaches every viewer again
          let n = 0;
          await waitFor(
            async () => {
              const text = `NATS 恢复后的评论 ${++n}`;
              await comment(topology.apis[0]!.url, sessionId, commenter!, text);
              const got = await Promise.all(viewers.map((v) => reaches(v, text, 2_000)));
              return got.every(Boolean);
            },
            'a comment to reach every viewer after NATS came back',
            60_000,
            500,
          );
          // and the orders paid during the outage reach the webhook receiver through the outbox stream
          await waitFor(
            () => expected.every((id) => shop.arrivedOrderIds().has(id)),
            () =>
              `the outage's order.paid webhooks to arrive (${shop.arrivedOrderIds().size}/${expected.length})`,
            90_000,
            200,
          );
        } finally {
          for (const v of viewers) v.close();
        }
      },
      240_000,
    );
  },
);
