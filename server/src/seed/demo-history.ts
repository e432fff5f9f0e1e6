import { randomBytes } from 'node:crypto';
import type { FastifyBaseLogger } from 'fastify';
import { buildApp } from '../app.ts';
import { deadlineHandlers } from '../deadlines.ts';
import { issueToken } from '../modules/identity/index.ts';
import { recomputeScores, scheduleScoreRecompute } from '../modules/reputation/index.ts';
import { refreshStanding } from '../modules/standing/index.ts';
import { DAY, HOUR, ManualClock } from '../platform/clock.ts';
import type { AppContext } from '../platform/context.ts';
import type { Db } from '../platform/db.ts';
import type { App } from '../platform/http.ts';
import { PgPubSub } from '../platform/pubsub.ts';
import { DeadlineRunner } from '../platform/scheduler/index.ts';
import { withSessionLock } from '../platform/session-lock.ts';
import {
  EXTRA_PROFILES,
  MERCHANT1_PROFILE,
  type PlannedOrder,
  planHistory,
  type QualityReason,
  type SalesProfile,
  type Step,
} from './demo-sales-plan.ts';
import { createRandom } from './random.ts';
import { type SeedResult, seedIfEmpty } from './seed.ts';
import { insertCannedReplies } from './seed-canned-replies.ts';
import { insertCare } from './seed-care.ts';
import { insertChat } from './seed-chat.ts';
import { insertFeedback } from './seed-feedback.ts';
import { insertReports } from './seed-reports.ts';

export { type PlannedOrder, planHistory } from './demo-sales-plan.ts';

/** Days of merchant1's history on `start` (the other shops' are shorter, demo-sales-plan.ts). */
const HISTORY_DAYS = MERCHANT1_PROFILE.days;
/** The profiles played: merchant1's shop first, then one shop per reputation the demo shows. */
export const DEMO_PROFILES: readonly SalesProfile[] = [MERCHANT1_PROFILE, ...EXTRA_PROFILES];

export interface HistoryResult {
  /** Orders placed and carried as far as their plan goes. */
  orders: number;
  refundRequests: number;
  /** Why the orders that stopped short did (a refused step), e.g. `checkout 409`. */
  failures: string[];
  /** Orders played per shop (by owner login), with the profile each stands for. */
  shops: { owner: string; label: SalesProfile['label']; orders: number }[];
  ms: number;
}

interface Live {
  planned: PlannedOrder;
  shop: HistoryShop;
  orderId?: number;
  lineId?: number;
  shipmentId?: number;
  requestId?: number;
  failed?: string;
}

interface HistoryShop {
  id: number;
  owner: string;
  skus: { id: number }[];
}

/** The profile's shop with the SKUs its buyers order and its plan, or null when the demo lacks it. */
async function planShop(db: Db, profile: SalesProfile, now: Date, maxDays: number) {
  const shop = await db
    .selectFrom('shops as s')
    .innerJoin('users as u', 'u.id', 's.ownerUserId')
    .select(['s.id', 's.createdAt'])
    .where('u.login', '=', profile.owner)
    .orderBy('s.id')
    .executeTakeFirst();
  if (!shop) return null;
  const skus = await db
    .selectFrom('skus as k')
    .innerJoin('products as p', 'p.id', 'k.productId')
    .select(['k.id'])
    .where('p.shopId', '=', shop.id)
    .where('p.state', '=', 'listed')
    .where('k.stock', '>=', 20)
    .orderBy('k.id')
    .execute();
  if (skus.length === 0) return null;
  // A young shop (in probation) sells from the day after it opened.
  const age = Math.floor((now.getTime() - shop.createdAt.getTime()) / DAY) - 1;
  const days = Math.max(0, Math.min(profile.days, maxDays, age));
  const plan = planHistory(createRandom(profile.seed), now, skus.length, days, profile);
  return { shop: { id: shop.id, owner: profile.owner, skus }, plan, label: profile.label };
}

/**
 * Plays the demo shops' sales histories (DEMO_PROFILES, each at most `days` long) through the real
 * HTTP routes and deadline handlers, with a manual clock walking from the first day to `now`: orders,
 * payments, shipments, refunds, settlement and the ledger are exactly what the services leave
 * (ledger:check holds). The daily experience-score recompute fires as the days pass (its trend and the
 * trust badge's grants have a past), and once more at `now`, so scores, badges and probation exits
 * exist on first start. Runs once, right after the demo marketplace is seeded, before this process
 * serves requests or fires deadlines.
 */
export async function seedDemoHistory(
  base: AppContext,
  now: Date,
  days = HISTORY_DAYS,
  profiles: readonly SalesProfile[] = DEMO_PROFILES,
): Promise<HistoryResult> {
  const started = performance.now();
  const db = base.db;
  const none: HistoryResult = { orders: 0, refundRequests: 0, failures: [], shops: [], ms: 0 };
  const shops = (await Promise.all(profiles.map((p) => planShop(db, p, now, days)))).flatMap((s) =>
    s ? [s] : [],
  );
  if (shops.length === 0) return none;

  const clock = new ManualClock(now);
  const ctx: AppContext = {
    ...base,
    clock,
    // The history's own app hears nothing from other processes; the live rooms are not part of it.
    pubsub: new PgPubSub(undefined),
    // Warnings only: a line per simulated request would drown the start-up log.
    log: base.log.child({ seed: 'history' }, { level: 'warn' }) as FastifyBaseLogger,
  };
  const app = await buildApp(ctx);
  const runner = new DeadlineRunner({ db, clock, handlers: deadlineHandlers(ctx), log: ctx.log });
  const tokens = new Map<string, string>();
  try {
    const lives: Live[] = shops.flatMap(({ shop, plan }) => plan.map((planned) => ({ planned, shop })));
    const steps = lives
      .flatMap((live) => live.planned.steps.map(({ at, step }) => ({ at, step, live })))
      .sort((a, b) => a.at.getTime() - b.at.getTime());
    // Tokens valid until `now` + their lifetime, so every simulated day accepts them; revoked at the end.
    const logins = [...new Set(lives.flatMap((l) => [l.shop.owner, l.planned.buyer]))];
    const users = await db.selectFrom('users').select(['id', 'login']).where('login', 'in', logins).execute();
    for (const user of users) tokens.set(user.login, (await issueToken(db, clock, user.id)).token);
    // The daily score recompute (and the standing refresh after it) from the score window's start on.
    const scoresFrom = new Date(now.getTime() - 30 * DAY);
    if (steps.length > 0 && steps[0]!.at < scoresFrom)
      await db.transaction().execute((tx) => scheduleScoreRecompute(tx, scoresFrom));

    let lastRun = 0;
    let refundRequests = 0;
    for (const { at, step, live } of steps) {
      if (live.failed) continue;
      clock.set(at);
      // Deadlines (auto-confirm, settlement, refund payouts, scores) fire as time passes, every few hours.
      if (at.getTime() - lastRun >= 6 * HOUR) {
        await runner.runDue();
        lastRun = at.getTime();
      }
      const buyer = tokens.get(live.planned.buyer);
      const owner = tokens.get(live.shop.owner);
      const result =
        buyer && owner ? await playStep(app, db, live, step, { buyer, owner }) : 'no such buyer or owner';
      if (result !== true) live.failed = result;
      else if (step.kind === 'instant_refund' || step.kind === 'quality_refund') refundRequests += 1;
    }
    clock.set(now);
    await runner.runDue();
    // Reviews and NPS answers of the completed orders (product rules §7.3), before the scores read them.
    await insertFeedback(db, now);
    // One injured buyer in the ops outreach queue (product rules §8.6), found by the scan at `now`.
    await insertCare(app, db, clock, now);
    // merchant1's customer service over the last week (product rules §8.3): the chat metrics feed the score.
    await insertChat(db, now);
    // Its agents' 快捷短语 in the workstation (product rules §8.2).
    await insertCannedReplies(db, now);
    // Buyer reports of merchant1's room and products waiting for ops, and one already decided (§8.7).
    await insertReports(db, now);
    // Scores, badges and probation as of now, whatever the daily recompute's hour.
    await db.transaction().execute(async (tx) => {
      const scores = await recomputeScores(tx, now);
      await refreshStanding(tx, now, scores.shopIds);
    });
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
      shops: shops.map(({ shop, label }) => ({
        owner: shop.owner,
        label,
        orders: lives.filter((l) => l.shop === shop && !l.failed).length,
      })),
      ms: Math.round(performance.now() - started),
    };
  } finally {
    await app.close();
  }
}

const EVIDENCE: Record<QualityReason, string> = {
  spoiled: '收到时已经坏了几个',
  damaged: '外箱压坏，商品磕伤',
  quality_issue: '包装漏气，口感不对',
  melted: '到手已经化了，重新冻过',
};

async function playStep(
  app: App,
  db: Db,
  live: Live,
  step: Step,
  who: { buyer: string; owner: string },
): Promise<true | string> {
  const { shop } = live;
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
          items: [{ skuId: shop.skus[live.planned.sku]!.id, quantity: live.planned.quantity }],
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
                evidence: { text: EVIDENCE[step.reason] },
              }),
        },
        key(),
      );
      live.requestId = res.body.id;
      return res.ok ? true : `refund ${res.status}`;
    }
    case 'ship': {
      const res = await call(who.owner, `/shops/${shop.id}/orders/${live.orderId}/shipment`, {
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
    case 'confirm': {
      const res = await call(who.buyer, `/orders/${live.orderId}/confirm-receipt`, {});
      return res.ok ? true : `confirm ${res.status}`;
    }
  }
}

// Held while one process seeds and plays the history: others starting at the same time wait, so
// none fires deadlines of a history still being written.
const DEMO_LOCK = 7_324_110_003;

/**
 * `start` on an empty database: the demo marketplace (seedIfEmpty), then the demo shops' sales histories
 * (skipped with XINREN_SEED_HISTORY=off). Under a lock every starting process takes in turn, held on
 * a session connection of its own (`sessionUrl`: platform/session-lock.ts, PgBouncer-safe).
 */
export async function seedDemo(
  ctx: AppContext,
  options: { history: boolean; sessionUrl: string },
): Promise<{ seed: SeedResult; history?: HistoryResult }> {
  return withSessionLock(options.sessionUrl, DEMO_LOCK, async () => {
    const seed = await seedIfEmpty(ctx.db, ctx.clock, ctx.log);
    if (!seed.seeded || !options.history) return { seed };
    const history = await seedDemoHistory(ctx, ctx.clock.now());
    ctx.log.info(
      { ...history, failures: history.failures.slice(0, 5), failed: history.failures.length },
      'seed: sales histories of the demo shops ready (scores, trust badges and probation as of now)',
    );
    return { seed, history };
  });
}
