import { randomBytes } from 'node:crypto';
import type { FastifyBaseLogger } from 'fastify';
import { sql } from 'kysely';
import { buildApp } from '../app.ts';
import { deadlineHandlers } from '../deadlines.ts';
import { issueToken } from '../modules/identity/index.ts';
import { DAY, HOUR, ManualClock, MINUTE } from '../platform/clock.ts';
import type { AppContext } from '../platform/context.ts';
import type { Db } from '../platform/db.ts';
import type { App } from '../platform/http.ts';
import { PubSub } from '../platform/pubsub.ts';
import { DeadlineRunner } from '../platform/scheduler/index.ts';
import { createRandom, type Random } from './random.ts';
import { type SeedResult, seedIfEmpty } from './seed.ts';

/** The shop with a sales history: merchant1's. Buyers from the end of the demo list place the orders. */
const HISTORY_SHOP_OWNER = 'merchant1';
const HISTORY_BUYERS = Array.from({ length: 10 }, (_, i) => `buyer${41 + i}`);
const HISTORY_DAYS = 60;
const SEED = 20_260_202;
// The demo calendar is the platform's: days start at 00:00 in Asia/Shanghai.
const LOCAL_OFFSET = 8 * HOUR;

type Step =
  | { kind: 'checkout' }
  | { kind: 'instant_refund' }
  | { kind: 'ship' }
  | { kind: 'track'; event: 'picked_up' | 'in_transit' | 'delivered' }
  | { kind: 'quality_refund'; reason: 'spoiled' | 'damaged' }
  | { kind: 'approve' };

export interface PlannedOrder {
  buyer: string;
  /** Index into the shop's SKUs (in id order). */
  sku: number;
  quantity: number;
  steps: { at: Date; step: Step }[];
}

/**
 * ~60 days of orders of one shop, as its buyers and its staff would have made them: 1–2 paid orders a
 * day (up to 4 at weekends), most shipped the same day and delivered in two days; one in twenty refunded
 * before shipping (极速退款), one delivered order in 25 refunded for a quality problem, approved by
 * the merchant. Steps later than `now` are left out (the order stays where it is). Pure: a seed gives
 * the same history for the same `now`.
 */
export function planHistory(
  random: Random,
  now: Date,
  skuCount: number,
  days = HISTORY_DAYS,
): PlannedOrder[] {
  const todayStart = Math.floor((now.getTime() + LOCAL_OFFSET) / DAY) * DAY - LOCAL_OFFSET;
  const orders: PlannedOrder[] = [];
  for (let d = days; d >= 1; d -= 1) {
    const dayStart = todayStart - d * DAY;
    const weekday = new Date(dayStart + LOCAL_OFFSET).getUTCDay();
    const count = random.int(1, 2) + (weekday === 0 || weekday === 6 ? random.int(0, 2) : 0);
    for (let n = 0; n < count; n += 1) {
      const paidAt = dayStart + random.int(9, 22) * HOUR + random.int(0, 59) * MINUTE;
      const steps: PlannedOrder['steps'] = [{ at: new Date(paidAt), step: { kind: 'checkout' } }];
      if (random.chance(0.05)) {
        steps.push({ at: new Date(paidAt + random.int(5, 50) * MINUTE), step: { kind: 'instant_refund' } });
      } else {
        const shipped = paidAt + random.int(2, 20) * HOUR;
        const delivered = shipped + random.int(30, 60) * HOUR;
        steps.push(
          { at: new Date(shipped), step: { kind: 'ship' } },
          { at: new Date(shipped + 2 * HOUR), step: { kind: 'track', event: 'picked_up' } },
          { at: new Date(shipped + 14 * HOUR), step: { kind: 'track', event: 'in_transit' } },
          { at: new Date(delivered), step: { kind: 'track', event: 'delivered' } },
        );
        if (random.chance(1 / 25)) {
          const asked = delivered + random.int(2, 30) * HOUR;
          steps.push(
            {
              at: new Date(asked),
              step: { kind: 'quality_refund', reason: random.chance(0.6) ? 'spoiled' : 'damaged' },
            },
            { at: new Date(asked + random.int(1, 10) * HOUR), step: { kind: 'approve' } },
          );
        }
      }
      orders.push({
        buyer: random.pick(HISTORY_BUYERS),
        sku: random.int(0, skuCount - 1),
        quantity: random.chance(0.25) ? 2 : 1,
        steps: steps.filter((s) => s.at.getTime() <= now.getTime()),
      });
    }
  }
  return orders;
}

export interface HistoryResult {
  /** Orders placed and carried as far as their plan goes. */
  orders: number;
  refundRequests: number;
  /** Why the orders that stopped short did (a refused step), e.g. `checkout 409`. */
  failures: string[];
  ms: number;
}

interface Live {
  planned: PlannedOrder;
  orderId?: number;
  lineId?: number;
  shipmentId?: number;
  requestId?: number;
  failed?: string;
}

/**
 * Plays the demo shop's sales history through the real HTTP routes and deadline handlers, with a
 * manual clock walking from 60 days ago to `now`: orders, payments, shipments, refunds, settlement
 * and the ledger are exactly what the services leave (ledger:check holds). Runs once, right after the
 * demo marketplace is seeded, before this process serves requests or fires deadlines.
 */
export async function seedDemoHistory(
  base: AppContext,
  now: Date,
  days = HISTORY_DAYS,
): Promise<HistoryResult> {
  const started = performance.now();
  const db = base.db;
  const shop = await db
    .selectFrom('shops as s')
    .innerJoin('users as u', 'u.id', 's.ownerUserId')
    .select(['s.id', 's.ownerUserId'])
    .where('u.login', '=', HISTORY_SHOP_OWNER)
    .orderBy('s.id')
    .executeTakeFirst();
  const none: HistoryResult = { orders: 0, refundRequests: 0, failures: [], ms: 0 };
  if (!shop) return none;
  const skus = await db
    .selectFrom('skus as k')
    .innerJoin('products as p', 'p.id', 'k.productId')
    .select(['k.id'])
    .where('p.shopId', '=', shop.id)
    .where('p.state', '=', 'listed')
    .where('k.stock', '>=', 20)
    .orderBy('k.id')
    .execute();
  if (skus.length === 0) return none;
  const plan = planHistory(createRandom(SEED), now, skus.length, days);

  const clock = new ManualClock(now);
  const ctx: AppContext = {
    ...base,
    clock,
    // The history's own app hears nothing from other processes; the live rooms are not part of it.
    pubsub: new PubSub(undefined),
    // Warnings only: a line per simulated request would drown the start-up log.
    log: base.log.child({ seed: 'history' }, { level: 'warn' }) as FastifyBaseLogger,
  };
  const app = await buildApp(ctx);
  const runner = new DeadlineRunner({ db, clock, handlers: deadlineHandlers(ctx), log: ctx.log });
  const tokens = new Map<string, string>();
  try {
    // Tokens valid until `now` + their lifetime, so every simulated day accepts them; revoked at the end.
    const logins = [HISTORY_SHOP_OWNER, ...HISTORY_BUYERS];
    const users = await db.selectFrom('users').select(['id', 'login']).where('login', 'in', logins).execute();
    for (const user of users) tokens.set(user.login, (await issueToken(db, clock, user.id)).token);
    const owner = tokens.get(HISTORY_SHOP_OWNER)!;

    const lives: Live[] = plan.map((planned) => ({ planned }));
    const steps = lives
      .flatMap((live) => live.planned.steps.map(({ at, step }) => ({ at, step, live })))
      .sort((a, b) => a.at.getTime() - b.at.getTime());
    let lastRun = 0;
    let refundRequests = 0;
    for (const { at, step, live } of steps) {
      if (live.failed) continue;
      clock.set(at);
      // Deadlines (auto-confirm, settlement, refund payouts) fire as time passes, every few hours.
      if (at.getTime() - lastRun >= 6 * HOUR) {
        await runner.runDue();
        lastRun = at.getTime();
      }
      const buyer = tokens.get(live.planned.buyer);
      const result = buyer
        ? await playStep(app, db, live, step, { buyer, owner, shopId: shop.id, skus })
        : 'no such buyer';
      if (result !== true) live.failed = result;
      else if (step.kind === 'instant_refund' || step.kind === 'quality_refund') refundRequests += 1;
    }
    clock.set(now);
    await runner.runDue();
    await db
      .updateTable('authTokens')
      .set({ revokedAt: now })
      .where(
        'userId',
        'in',
        users.map((u) => u.id),
      )
      .where('revokedAt', 'is', null)
      .execute();
    const failures = lives.flatMap((l) => (l.failed ? [l.failed] : []));
    return {
      orders: lives.length - failures.length,
      refundRequests,
      failures,
      ms: Math.round(performance.now() - started),
    };
  } finally {
    await app.close();
  }
}

async function playStep(
  app: App,
  db: Db,
  live: Live,
  step: Step,
  who: { buyer: string; owner: string; shopId: number; skus: { id: number }[] },
): Promise<true | string> {
  const call = async (token: string, url: string, body: object, key?: string) => {
    const res = await app.inject({
      method: 'POST',
      url: `/api/v1${url}`,
      payload: body,
      headers: { authorization: `Bearer ${token}`, ...(key ? { 'idempotency-key': key } : {}) },
    });
    return { ok: res.statusCode < 300, body: res.json(), status: res.statusCode };
  };
  const key = () => `seed-history-${randomBytes(8).toString('hex')}`;
  switch (step.kind) {
    case 'checkout': {
      const res = await call(
        who.buyer,
        '/checkout',
        {
          items: [{ skuId: who.skus[live.planned.sku]!.id, quantity: live.planned.quantity }],
          pay: { method: 'sandbox' },
        },
        key(),
      );
      if (!res.ok || res.body.payment?.state !== 'succeeded') return `checkout ${res.status}`;
      live.orderId = res.body.orders[0].id;
      const line = await db
        .selectFrom('orderLines')
        .select('id')
        .where('orderId', '=', live.orderId!)
        .executeTakeFirstOrThrow();
      live.lineId = line.id;
      return true;
    }
    case 'instant_refund':
    case 'quality_refund': {
      const res = await call(
        who.buyer,
        '/aftersales/requests',
        {
          orderId: live.orderId,
          orderLineId: live.lineId,
          quantity: live.planned.quantity,
          ...(step.kind === 'instant_refund'
            ? { type: 'refund_only_unshipped', reason: 'not_shipped_yet' }
            : {
                type: 'refund_only',
                reason: step.reason,
                evidence: { text: step.reason === 'spoiled' ? '收到时已经坏了几个' : '外箱压坏，果子磕伤' },
              }),
        },
        key(),
      );
      live.requestId = res.body.id;
      return res.ok ? true : `refund ${res.status}`;
    }
    case 'ship': {
      const res = await call(who.owner, `/shops/${who.shopId}/orders/${live.orderId}/shipment`, {
        carrier: 'sandbox',
        trackingNumber: `XRH${live.orderId}${randomBytes(3).toString('hex').toUpperCase()}`,
      });
      live.shipmentId = res.body.shipment?.id ?? res.body.id;
      return res.ok ? true : `ship ${res.status}`;
    }
    case 'track': {
      const res = await call(who.owner, `/shipments/${live.shipmentId}/sandbox-events`, {
        event: step.event,
      });
      return res.ok ? true : `track ${res.status}`;
    }
    case 'approve': {
      const res = await call(who.owner, `/aftersales/requests/${live.requestId}/approve`, {});
      return res.ok ? true : `approve ${res.status}`;
    }
  }
}

// Held while one process seeds and plays the history: others starting at the same time wait, so
// none fires deadlines of a history still being written.
const DEMO_LOCK = 7_324_110_003;

/**
 * `start` on an empty database: the demo marketplace (seedIfEmpty), then merchant1's sales history
 * (skipped with XINREN_SEED_HISTORY=off). Under a lock every starting process takes in turn.
 */
export async function seedDemo(
  ctx: AppContext,
  options: { history: boolean },
): Promise<{ seed: SeedResult; history?: HistoryResult }> {
  return ctx.db.connection().execute(async (conn) => {
    await sql`select pg_advisory_lock(${DEMO_LOCK})`.execute(conn);
    try {
      const seed = await seedIfEmpty(ctx.db, ctx.clock, ctx.log);
      if (!seed.seeded || !options.history) return { seed };
      const history = await seedDemoHistory(ctx, ctx.clock.now());
      ctx.log.info(
        { ...history, failures: history.failures.slice(0, 5), failed: history.failures.length },
        'seed: sales history of the demo shop ready',
      );
      return { seed, history };
    } finally {
      await sql`select pg_advisory_unlock(${DEMO_LOCK})`.execute(conn);
    }
  });
}
