import { beforeAll, describe, expect, it } from 'vitest';
import { api, createTestContext, type TestContext } from '../../test/harness.ts';
import { issueToken } from '../modules/identity/index.ts';
import { checkLedger } from '../modules/ledger/index.ts';
import { DAY } from '../platform/clock.ts';
import { type HistoryResult, planHistory, seedDemoHistory } from './demo-history.ts';
import { createRandom } from './random.ts';
import { seedIfEmpty } from './seed.ts';

const silent = { info: () => {} };
let ctx: TestContext;
let result: HistoryResult;
let shopId: number;

// 36 days (merchant1's last clean month and the other shops' whole histories) keep the file shorter;
// `start` plays 60 for merchant1.
beforeAll(async () => {
  ctx = await createTestContext();
  await seedIfEmpty(ctx.db, ctx.clock, silent);
  result = await seedDemoHistory(ctx, ctx.clock.now(), 36);
  shopId = (
    await ctx.db
      .selectFrom('shops as s')
      .innerJoin('users as u', 'u.id', 's.ownerUserId')
      .select('s.id')
      .where('u.login', '=', 'merchant1')
      .executeTakeFirstOrThrow()
  ).id;
}, 600_000);

describe('demo sales history (merchant1’s shop)', () => {
  it('plans 1–4 orders a day up to yesterday, with no step after now', () => {
    const now = new Date('2026-11-23T08:00:00Z');
    const plan = planHistory(createRandom(1), now, 5, 60);
    expect(plan.length).toBeGreaterThanOrEqual(60);
    expect(plan.length).toBeLessThanOrEqual(240);
    const first = Math.min(...plan.map((o) => o.steps[0]!.at.getTime()));
    expect(now.getTime() - first).toBeLessThanOrEqual(61 * DAY);
    expect(now.getTime() - first).toBeGreaterThan(59 * DAY);
    expect(plan.every((o) => o.steps.every((s) => s.at <= now))).toBe(true);
    expect(plan.every((o) => o.steps[0]?.step.kind === 'checkout')).toBe(true);
  });

  it('plays every order through the services and leaves a ledger that checks', async () => {
    // a checkout may find a SKU's purchase limit reached (the demo's own limits); nothing else fails
    expect(result.failures.filter((f) => !f.startsWith('checkout 409'))).toEqual([]);
    expect(result.failures.length).toBeLessThanOrEqual(3);
    expect(result.orders).toBeGreaterThanOrEqual(36);
    expect((await checkLedger(ctx.db)).ok).toBe(true);
    const states = await ctx.db
      .selectFrom('orders')
      .select(['state', (eb) => eb.fn.countAll<number>().as('n')])
      .where('shopId', '=', shopId)
      .groupBy('state')
      .execute();
    const byState = Object.fromEntries(states.map((s) => [s.state, Number(s.n)]));
    expect(byState.completed ?? 0).toBeGreaterThan(0);
    // the tokens the history used are revoked
    const open = await ctx.db
      .selectFrom('authTokens')
      .select('userId')
      .where('revokedAt', 'is', null)
      .execute();
    expect(open).toEqual([]);
  });

  it('gives the merchant dashboard days with sales', async () => {
    const owner = await ctx.db
      .selectFrom('users')
      .select('id')
      .where('login', '=', 'merchant1')
      .executeTakeFirstOrThrow();
    const { token } = await issueToken(ctx.db, ctx.clock, owner.id);
    const res = await api(ctx.app, token).get(`/api/v1/shops/${shopId}/dashboard?days=14`);
    expect(res.status).toBe(200);
    const withSales = res.body.series.filter((d: { paidOrders: number }) => d.paidOrders > 0);
    expect(withSales.length).toBeGreaterThanOrEqual(11);
    expect(res.body.totals.gmvFen).toBeGreaterThan(0);
    expect(res.body.totals.paidOrders).toBeGreaterThan(0);
  });
});

describe('the demo shops across the score range (product rules §7)', () => {
  const shopOf = async (login: string) =>
    ctx.db
      .selectFrom('shops as s')
      .innerJoin('users as u', 'u.id', 's.ownerUserId')
      .select(['s.id', 's.state', 'u.id as ownerId'])
      .where('u.login', '=', login)
      .executeTakeFirstOrThrow();
  const standingOf = async (login: string) => {
    const shop = await shopOf(login);
    const { token } = await issueToken(ctx.db, ctx.clock, shop.ownerId);
    const res = await api(ctx.app, token).get(`/api/v1/shops/${shop.id}/standing`);
    expect(res.status).toBe(200);
    return res.body;
  };

  it('plays one history per profile', () => {
    expect(result.shops.map((s) => [s.owner, s.label])).toEqual([
      ['merchant1', 'excellent'],
      ['merchant5', 'good'],
      ['merchant9', 'poor'],
      ['merchant11', 'not_enough_orders'],
      ['merchant3', 'probation'],
    ]);
    for (const shop of result.shops) expect(shop.orders, shop.owner).toBeGreaterThan(0);
  });

  it('merchant1’s shop is excellent and holds the trust badge (信任购), with a deposit discount', async () => {
    const s = await standingOf('merchant1');
    expect(s.score).toBeGreaterThanOrEqual(4.7);
    expect(s.scoredOrders).toBeGreaterThanOrEqual(30);
    expect(s.badge.held).toBe(true);
    expect(s.badge.conditions.every((c: { met: boolean }) => c.met)).toBe(true);
    expect(s.badge.history[0]).toMatchObject({ kind: 'granted', failedConditions: [] });
    expect(s.deposit.discountBp).toBe(5_000);
    expect(s.deposit.requiredFen).toBe(s.deposit.baseRequiredFen / 2);
  });

  it('a good shop scores 4.5–4.7 but lacks the badge for want of the trust guarantees', async () => {
    const s = await standingOf('merchant5');
    expect(s.score).toBeGreaterThanOrEqual(4.5);
    expect(s.score).toBeLessThan(4.7);
    expect(s.badge.held).toBe(false);
    expect(
      s.badge.conditions
        .filter((c: { met: boolean }) => !c.met)
        .map((c: { condition: string }) => c.condition),
    ).toEqual(['guarantees']);
  });

  it('a shop that ships late and sells goods that come back scores poorly, its drags named', async () => {
    const s = await standingOf('merchant9');
    expect(s.score).not.toBeNull();
    expect(s.score).toBeLessThan(4);
    const rep = await ctx.db
      .selectFrom('shopReputation')
      .select(['band', 'drags'])
      .where('shopId', '=', (await shopOf('merchant9')).id)
      .executeTakeFirstOrThrow();
    expect(rep.band).toBe('poor');
    const drags = (rep.drags as { metric: string }[]).map((d) => d.metric);
    expect(drags).toContain('quality_refund_rate');
    expect(drags).toContain('pickup_in_time_rate');
  });

  it('a shop with few orders has no score yet; a young shop is still in probation, its progress shown', async () => {
    const few = await standingOf('merchant11');
    expect(few.score).toBeNull();
    expect(few.scoredOrders).toBeLessThan(30);
    const young = await standingOf('merchant3');
    expect(young.shopState).toBe('probation');
    expect(young.probation).toMatchObject({
      inProbation: true,
      verdict: 'stays',
      daysRequired: 90,
      ordersRequired: 30,
    });
    expect(young.probation.completedOrders).toBeGreaterThan(0);
    expect(young.probation.completedOrders).toBeLessThan(30);
  });
});
