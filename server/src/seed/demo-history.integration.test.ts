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

// 12 days keep the file short; `start` plays 60.
beforeAll(async () => {
  ctx = await createTestContext();
  await seedIfEmpty(ctx.db, ctx.clock, silent);
  result = await seedDemoHistory(ctx, ctx.clock.now(), 12);
  shopId = (
    await ctx.db
      .selectFrom('shops as s')
      .innerJoin('users as u', 'u.id', 's.ownerUserId')
      .select('s.id')
      .where('u.login', '=', 'merchant1')
      .executeTakeFirstOrThrow()
  ).id;
}, 120_000);

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
    expect(result.failures).toEqual([]);
    expect(result.orders).toBeGreaterThanOrEqual(12);
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
    expect(res.body.totals.paidOrders).toBe(result.orders);
  });
});
