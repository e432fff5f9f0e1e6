import { beforeAll, describe, expect, it } from 'vitest';
import {
  buildListedProduct,
  buildLiveSession,
  buildOps,
  buildPaidOrder,
  buildShop,
  buildStaff,
} from '../../../test/builders.ts';
import { api, createTestContext, type TestContext } from '../../../test/harness.ts';
import { connect, inTransaction } from '../../platform/db.ts';
import { accounts, balanceOf, entriesFor } from '../ledger/index.ts';
import { buyBoost } from './boosts.service.ts';
import { checkCredits, ISSUED, postCredits, shopAccount } from './credits.service.ts';
import { EVALUATE_GROWTH, evaluateGrowth, scheduleGrowthEvaluation } from './growth-deadlines.ts';

let ctx: TestContext;
const as = (token?: string) => api(ctx.app, token);
const HOUR = 3_600_000;

beforeAll(async () => {
  ctx = await createTestContext();
});

async function grant(shopId: number, credits: number, key: string) {
  await inTransaction(ctx.db, (tx) =>
    postCredits(tx, {
      idempotencyKey: key,
      kind: 'ladder_reward',
      cause: { type: 'shop', id: shopId },
      at: ctx.clock.now(),
      postings: [
        { account: ISSUED, amount: -credits },
        { account: shopAccount(shopId), amount: credits },
      ],
    }),
  );
}

const stepOf = (body: any, code: string) => body.ladder.steps.find((s: any) => s.code === code);

describe('新商启航 ladder', () => {
  it('completes a step only from real facts, and its reward is claimed once', async () => {
    const { shopId, owner } = await buildShop(ctx, { state: 'probation' });
    const merchant = as(owner.token);

    let view = await merchant.get(`/api/v1/shops/${shopId}/growth`);
    expect(view.status, JSON.stringify(view.body)).toBe(200);
    expect(view.body.creditBalance).toBe(0);
    expect(stepOf(view.body, 'list_products')).toMatchObject({
      done: false,
      next: true,
      measured: 0,
      threshold: 3,
    });

    // Nothing listed yet: claiming is refused, nothing granted.
    const early = await merchant.post(`/api/v1/shops/${shopId}/growth/rewards`, { step: 'list_products' });
    expect(early.status).toBe(409);
    expect(early.body.error.details.key).toBe('growth_step_not_done');

    for (let i = 0; i < 3; i++) await buildListedProduct(ctx, shopId);
    view = await merchant.get(`/api/v1/shops/${shopId}/growth`);
    expect(stepOf(view.body, 'list_products')).toMatchObject({ done: true, measured: 3, claimedAt: null });
    expect(stepOf(view.body, 'first_live')).toMatchObject({ done: false, next: true });
    // an order before any live session does not skip the ladder
    expect(stepOf(view.body, 'first_order').done).toBe(false);

    const claim = await merchant.post(`/api/v1/shops/${shopId}/growth/rewards`, { step: 'list_products' });
    expect(claim.status, JSON.stringify(claim.body)).toBe(200);
    expect(claim.body).toMatchObject({ step: 'list_products', credits: 200, creditBalance: 200 });
    const again = await merchant.post(`/api/v1/shops/${shopId}/growth/rewards`, { step: 'list_products' });
    expect(again.body).toMatchObject({ credits: 200, creditBalance: 200 });

    // A live session that went on air completes the next step.
    await buildLiveSession(ctx, { hostUserId: owner.id, shopId }, { state: 'live' });
    view = await merchant.get(`/api/v1/shops/${shopId}/growth`);
    expect(stepOf(view.body, 'first_live').done).toBe(true);
    expect(view.body.journal.map((l: any) => [l.kind, l.amount, l.balanceAfter])).toEqual([
      ['ladder_reward', 200, 200],
    ]);

    // Another shop's merchant sees nothing of it.
    const stranger = await buildShop(ctx);
    expect((await as(stranger.owner.token).get(`/api/v1/shops/${shopId}/growth`)).status).toBe(404);
    expect(
      (await as(stranger.owner.token).post(`/api/v1/shops/${shopId}/growth/rewards`, { step: 'first_live' }))
        .status,
    ).toBe(404);
  });

  it('grants a step reward once when claimed many times at once', async () => {
    const { shopId, owner } = await buildShop(ctx);
    for (let i = 0; i < 3; i++) await buildListedProduct(ctx, shopId);
    const claims = await Promise.all(
      Array.from({ length: 8 }, () =>
        as(owner.token).post(`/api/v1/shops/${shopId}/growth/rewards`, { step: 'list_products' }),
      ),
    );
    expect(claims.map((c) => c.status)).toEqual(Array(8).fill(200));
    const entries = await ctx.db
      .selectFrom('growthCreditEntries')
      .select('id')
      .where('idempotencyKey', 'like', `ladder:${shopId}:%`)
      .execute();
    expect(entries).toHaveLength(1);
    expect((await as(owner.token).get(`/api/v1/shops/${shopId}/growth`)).body.creditBalance).toBe(200);
  });

  it('does not put a shop past its first 90 days on the ladder', async () => {
    const { shopId, owner } = await buildShop(ctx);
    await ctx.db
      .updateTable('shops')
      .set({ createdAt: new Date(ctx.clock.now().getTime() - 120 * 24 * HOUR) } as never)
      .where('id', '=', shopId)
      .execute();
    const view = await as(owner.token).get(`/api/v1/shops/${shopId}/growth`);
    expect(view.body.ladder).toBeNull();
  });
});

describe('the daily evaluation', () => {
  it('completes steps from facts without the merchant opening the page, and schedules itself 24 h later', async () => {
    const { shopId } = await buildShop(ctx);
    for (let i = 0; i < 3; i++) await buildListedProduct(ctx, shopId);
    const now = ctx.clock.now();
    expect(await ctx.db.transaction().execute((tx) => scheduleGrowthEvaluation(tx, now))).toBe(true);
    expect(await ctx.db.transaction().execute((tx) => scheduleGrowthEvaluation(tx, now))).toBe(false);
    const run = await ctx.deadlines.runDue();
    expect(run.failed + run.retrying).toBe(0);
    const done = await ctx.db
      .selectFrom('growthStepCompletions')
      .select(['stepCode', 'claimedAt'])
      .where('shopId', '=', shopId)
      .execute();
    expect(done).toEqual([{ stepCode: 'list_products', claimedAt: null }]);
    const next = await ctx.db
      .selectFrom('deadlines')
      .select(['dueAt'])
      .where('kind', '=', EVALUATE_GROWTH)
      .where('status', '=', 'pending')
      .execute();
    expect(next).toEqual([{ dueAt: new Date(now.getTime() + 24 * HOUR) }]);
  });
});

describe('boosts', () => {
  it('spends credits on a product for some hours; refuses a second boost of it, a short balance and another shop’s product', async () => {
    const { shopId, owner } = await buildShop(ctx);
    const { productId } = await buildListedProduct(ctx, shopId);
    const { productId: second } = await buildListedProduct(ctx, shopId);
    const other = await buildShop(ctx);
    const { productId: foreign } = await buildListedProduct(ctx, other.shopId);
    await grant(shopId, 250, `test-grant:${shopId}`);
    const merchant = as(owner.token);

    const boost = await merchant.post(`/api/v1/shops/${shopId}/boosts`, {
      targetType: 'product',
      targetId: productId,
      hours: 2,
    });
    expect(boost.status, JSON.stringify(boost.body)).toBe(201);
    expect(boost.body).toMatchObject({ credits: 200, weightBp: 3000, active: true });
    expect(new Date(boost.body.endsAt).getTime()).toBe(ctx.clock.now().getTime() + 2 * HOUR);

    const twice = await merchant.post(`/api/v1/shops/${shopId}/boosts`, {
      targetType: 'product',
      targetId: productId,
      hours: 1,
    });
    expect(twice.status).toBe(409);
    expect(twice.body.error.details.key).toBe('boost_active');

    const short = await merchant.post(`/api/v1/shops/${shopId}/boosts`, {
      targetType: 'product',
      targetId: second,
      hours: 1,
    });
    expect(short.status).toBe(409);
    expect(short.body.error.details).toMatchObject({
      key: 'insufficient_credits',
      params: { balance: 50, cost: 100 },
    });

    expect(
      (
        await merchant.post(`/api/v1/shops/${shopId}/boosts`, {
          targetType: 'product',
          targetId: foreign,
          hours: 1,
        })
      ).status,
    ).toBe(404);
    const tooLong = await merchant.post(`/api/v1/shops/${shopId}/boosts`, {
      targetType: 'product',
      targetId: second,
      hours: 25,
    });
    expect(tooLong.status).toBe(400);
    expect(tooLong.body.error.details.fields[0].field).toBe('hours');

    const list = await merchant.get(`/api/v1/shops/${shopId}/boosts`);
    expect(list.body.creditBalance).toBe(50);
    expect(list.body.items).toHaveLength(1);
    expect((await as(other.owner.token).get(`/api/v1/shops/${shopId}/boosts`)).status).toBe(404);
  });

  it('never spends more credits than the shop has, under concurrent spends on separate connections', async () => {
    const { shopId, owner } = await buildShop(ctx);
    const products = [];
    for (let i = 0; i < 6; i++) products.push((await buildListedProduct(ctx, shopId)).productId);
    await grant(shopId, 250, `test-grant:${shopId}`);
    const handles = [connect(ctx.dbUrl, { max: 3 }), connect(ctx.dbUrl, { max: 3 })];
    try {
      const results = await Promise.allSettled(
        products.map((productId, i) =>
          inTransaction(handles[i % 2]!.db, (tx) =>
            buyBoost(
              tx,
              { shopId, targetType: 'product', targetId: productId, hours: 1, by: owner.id },
              ctx.clock.now(),
            ),
          ),
        ),
      );
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(2);
      const refused = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
      expect(refused.map((r) => r.reason.details?.key)).toEqual(Array(4).fill('insufficient_credits'));
    } finally {
      await Promise.all(handles.map((h) => h.close()));
    }
    const account = await ctx.db
      .selectFrom('growthCreditAccounts')
      .select('balance')
      .where('code', '=', shopAccount(shopId))
      .executeTakeFirstOrThrow();
    expect(account.balance).toBe(50);
    expect((await checkCredits(ctx.db)).ok).toBe(true);
  });
});

describe('斗金 quarters and payouts', () => {
  it('measures a quarter by the version in force at its start and pays its rebate through the ledger once', async () => {
    const ops = await buildOps(ctx);
    const admin = as(ops.token);
    // Version 2 with easy tiers, from the next quarter (2027-Q1 starts 2026-12-31 16:00 UTC).
    const created = await admin.post('/api/v1/ops/growth/programmes/active-seller', {
      effectiveFrom: '2026-12-31T16:00:00Z',
      note: '测试版',
      tiers: [
        {
          minLiveHours: 0,
          minLiveDays: 0,
          minProductVideos: 0,
          minFollowerGain: 0,
          minListedProducts: 1,
          rewardCredits: 300,
          rebateBp: 500,
          rebateCapFen: 1_000_000,
        },
      ],
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body).toMatchObject({ programme: 'active_seller', version: 2 });

    const past = await admin.post('/api/v1/ops/growth/programmes/active-seller', {
      effectiveFrom: '2020-01-01T00:00:00Z',
      tiers: created.body.tiers.map(({ tier: _t, ...t }: any) => t),
    });
    expect(past.status).toBe(400);
    expect(past.body.error.details.fields).toEqual([
      { field: 'effectiveFrom', reason: 'must be in the future' },
    ]);

    ctx.clock.set('2027-01-05T02:00:00Z');
    const { shopId, owner } = await buildShop(ctx);
    const { skuIds } = await buildListedProduct(ctx, shopId, { skus: [{ priceFen: 9_900, stock: 10 }] });
    await buildPaidOrder(ctx, { shopId, skuId: skuIds[0]! });
    await buildPaidOrder(ctx, { shopId, skuId: skuIds[0]! });

    const during = await as(owner.token).get(`/api/v1/shops/${shopId}/growth`);
    expect(during.body.quarter).toMatchObject({
      quarter: '2027-Q1',
      programmeVersion: 2,
      tier: 1,
      gmvFen: 19_800,
      rebateFen: 990,
      state: 'measuring',
    });

    ctx.clock.set('2027-04-01T01:00:00Z');
    await inTransaction(ctx.db, (tx) => evaluateGrowth(tx, ctx.clock.now()));
    // sign-ins expire: a fresh ops account and merchant session after the clock moved months on
    const payer = as((await buildOps(ctx, ['arbiter'])).token);
    const merchant = as((await buildStaff(ctx, shopId)).token);

    const payouts = await payer.get('/api/v1/ops/growth/payouts?quarter=2027-Q1&state=due');
    expect(payouts.status).toBe(200);
    const row = payouts.body.items.find((r: any) => r.shopId === shopId);
    expect(row).toMatchObject({ state: 'due', rebateFen: 990, rewardCredits: 300 });

    const changed = await payer.post('/api/v1/ops/growth/payouts', {
      shopId,
      quarter: '2027-Q1',
      expectedRebateFen: 1000,
    });
    expect(changed.status).toBe(409);
    expect(changed.body.error.details.key).toBe('growth_payout_changed');

    const before = await balanceOf(ctx.db, accounts.merchantAvailable(shopId));
    const pays = await Promise.all(
      [0, 1, 2].map(() =>
        payer.post('/api/v1/ops/growth/payouts', { shopId, quarter: '2027-Q1', expectedRebateFen: 990 }),
      ),
    );
    expect(pays.map((p) => p.status).sort()).toEqual([200, 409, 409]);
    expect(await balanceOf(ctx.db, accounts.merchantAvailable(shopId))).toBe(before + 990);
    const rebates = (await entriesFor(ctx.db, { type: 'shop', id: shopId })).filter(
      (e) => e.kind === 'growth_rebate',
    );
    expect(rebates.map((e) => e.postings)).toEqual([
      [
        { accountCode: 'growth_rebates', amountFen: -990 },
        { accountCode: `merchant_available:${shopId}`, amountFen: 990 },
      ],
    ]);
    const view = await merchant.get(`/api/v1/shops/${shopId}/growth`);
    expect(view.body.creditBalance).toBe(300);
    expect(view.body.pastQuarters[0]).toMatchObject({ quarter: '2027-Q1', state: 'paid' });

    // a merchant cannot reach ops routes
    expect((await merchant.get('/api/v1/ops/growth/payouts')).status).toBe(403);
  });
});
