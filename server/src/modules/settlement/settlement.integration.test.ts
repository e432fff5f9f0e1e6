import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { buildListedProduct, buildLiveSession, buildPaidOrder } from '../../../test/builders.ts';
import { createTestContext, type TestContext } from '../../../test/harness.ts';
import { MINUTE } from '../../platform/clock.ts';
import { scheduleDeadline } from '../../platform/scheduler/index.ts';
import { SETTLE_ORDER } from '../fulfilment/index.ts';
import { accounts, balanceOf, checkLedger, entriesFor } from '../ledger/index.ts';
import { requestRefunds } from '../payments/index.ts';
import { buildDepositShop, settlementRig } from './settlement.test-support.ts';

let ctx: TestContext;
let rig: ReturnType<typeof settlementRig>;
beforeAll(async () => {
  ctx = await createTestContext();
  rig = settlementRig(ctx);
});
afterEach(async () => {
  expect((await checkLedger(ctx.db)).ok).toBe(true);
});

const V = '/api/v1';

describe('settling an order', () => {
  it('settles a live order once, after the after-sales window: commissions, host, merchant and deposit', async () => {
    // 0元开店 shop owing ¥5,000: 10% of the merchant's share goes to its deposit.
    const shop = await buildDepositShop(ctx, { depositFen: 500_000, zeroDepositEligible: true });
    const { productId, skuIds } = await buildListedProduct(ctx, shop.shopId, { creatorCommissionBp: 1_000 });
    const creator = await rig.buildCreator();
    const { sessionId } = await buildLiveSession(ctx, { hostUserId: creator.id }, { state: 'live' });
    expect((await rig.as(creator).post(`${V}/live/sessions/${sessionId}/pins`, { productId })).status).toBe(
      201,
    );
    const before = await rig.platform();

    const order = await rig.completedOrder(shop, {
      skuId: skuIds[0]!,
      quantity: 2,
      liveSessionId: sessionId,
    });
    expect(order.totalFen).toBe(19_800);
    await rig.runner.runDue();
    expect(await rig.settlementOf(order.orderId)).toBeUndefined();
    expect(await rig.balancesOf(shop.owner, shop.shopId)).toMatchObject({
      pendingFen: 19_800,
      availableFen: 0,
    });

    ctx.clock.advance(ctx.settings.settlementDelayMs - MINUTE);
    await rig.runner.runDue();
    expect(await rig.settlementOf(order.orderId)).toBeUndefined();

    await rig.passWindow();
    await rig.runner.runDue();
    const settled = await rig.settlementOf(order.orderId);
    // 19,800: platform 5% = 990, host 10% = 1,980, merchant 16,830 of which 10% (1,683) to the deposit.
    expect(settled).toMatchObject({
      state: 'settled',
      paidFen: 19_800,
      refundedFen: 0,
      platformCommissionFen: 990,
      creatorUserId: creator.id,
      creatorCommissionFen: 1_980,
      depositWithheldFen: 1_683,
      merchantFen: 15_147,
    });
    // Asked again (a second deadline for the same order): nothing moves twice.
    await ctx.db
      .transaction()
      .execute((tx) =>
        scheduleDeadline(tx, { kind: SETTLE_ORDER, subjectId: order.orderId, dueAt: ctx.clock.now() }),
      );
    expect(await rig.runner.runDue()).toMatchObject({ fired: 1, failed: 0 });
    expect(await rig.settlementOf(order.orderId)).toEqual(settled);
    const entries = (await entriesFor(ctx.db, { type: 'order', id: order.orderId })).filter(
      (e) => e.kind === 'settlement',
    );
    expect(entries).toHaveLength(1);
    expect(entries[0]!.idempotencyKey).toBe(`settle:${order.orderId}`);

    expect(await rig.balancesOf(shop.owner, shop.shopId)).toMatchObject({
      pendingFen: 0,
      availableFen: 15_147,
      depositFen: 1_683,
      requiredDepositFen: 500_000,
      depositShortfallFen: 498_317,
      zeroDepositEligible: true,
      settlement: { state: 'open', reason: null },
    });
    const after = await rig.platform();
    expect(after.get('escrow')! - before.get('escrow')!).toBe(0);
    expect(after.get('platform_commission_revenue')! - before.get('platform_commission_revenue')!).toBe(990);
    expect(await rig.as(creator).get(`${V}/me/commission`)).toMatchObject({
      status: 200,
      body: { userId: creator.id, balanceFen: 1_980, earnedFen: 1_980, withdrawnFen: 0 },
    });

    const list = await rig.as(shop.owner).get(`${V}/shops/${shop.shopId}/settlements`);
    expect(list.status).toBe(200);
    expect(list.body).toMatchObject({
      total: 1,
      items: [{ orderId: order.orderId, state: 'settled', merchantFen: 15_147 }],
    });
  });

  it('does not settle an order that is not completed, and pends its money', async () => {
    const shop = await buildDepositShop(ctx, { depositFen: 0, zeroDepositEligible: true });
    const order = await rig.completedOrder(shop);
    const paidOnly = await buildPaidOrder(ctx, { shopId: shop.shopId });
    await ctx.db
      .transaction()
      .execute((tx) =>
        scheduleDeadline(tx, { kind: SETTLE_ORDER, subjectId: paidOnly.orderId, dueAt: ctx.clock.now() }),
      );
    await rig.passWindow();
    expect(await rig.settlementOf(paidOnly.orderId)).toBeUndefined();
    expect(await rig.settlementOf(order.orderId)).toMatchObject({ state: 'settled', merchantFen: 9_405 });
    expect(await rig.balancesOf(shop.owner, shop.shopId)).toMatchObject({
      pendingFen: 9_900,
      availableFen: 9_405,
    });
  });

  it('waits for the window when its deadline fires early', async () => {
    const shop = await buildDepositShop(ctx, { depositFen: 0, zeroDepositEligible: true });
    const order = await rig.completedOrder(shop);
    await ctx.db
      .updateTable('deadlines')
      .set({ dueAt: ctx.clock.now() })
      .where('kind', '=', SETTLE_ORDER)
      .where('subjectId', '=', order.orderId)
      .execute();
    await rig.runner.runDue();
    expect(await rig.settlementOf(order.orderId)).toBeUndefined();
    const pending = await ctx.db
      .selectFrom('deadlines')
      .select('dueAt')
      .where('kind', '=', SETTLE_ORDER)
      .where('subjectId', '=', order.orderId)
      .where('status', '=', 'pending')
      .executeTakeFirstOrThrow();
    expect(pending.dueAt.getTime() - ctx.clock.now().getTime()).toBe(ctx.settings.settlementDelayMs);
    await rig.passWindow();
    expect(await rig.settlementOf(order.orderId)).toMatchObject({ state: 'settled' });
  });

  it('takes refunds off first and scales commissions to what is left', async () => {
    const shop = await buildDepositShop(ctx, { depositFen: 0, zeroDepositEligible: true });
    const partly = await rig.completedOrder(shop, { quantity: 3 });
    const fully = await rig.completedOrder(shop);
    const paymentOf = async (orderId: number) =>
      (
        await ctx.db
          .selectFrom('paymentOrders')
          .select('paymentId')
          .where('orderId', '=', orderId)
          .executeTakeFirstOrThrow()
      ).paymentId;
    const refunds = [
      { orderId: partly.orderId, amountFen: 9_900 },
      { orderId: fully.orderId, amountFen: 9_900 },
    ];
    await ctx.db.transaction().execute(async (tx) =>
      requestRefunds(
        tx,
        await Promise.all(
          refunds.map(async (r, i) => ({
            ...r,
            paymentId: await paymentOf(r.orderId),
            reason: 'after-sales refund',
            cause: { type: 'test_refund', id: i + 1 },
          })),
        ),
        ctx.clock.now(),
      ),
    );
    await rig.runner.runDue();
    const escrowBefore = await balanceOf(ctx.db, accounts.escrow);
    expect(await rig.balancesOf(shop.owner, shop.shopId)).toMatchObject({ pendingFen: 19_800 });

    await rig.passWindow();
    // 29,700 paid, 9,900 refunded: 19,800 left; platform 5% of 29,700 = 1,485, two thirds = 990.
    expect(await rig.settlementOf(partly.orderId)).toMatchObject({
      state: 'settled',
      paidFen: 29_700,
      refundedFen: 9_900,
      platformCommissionFen: 990,
      merchantFen: 18_810,
    });
    expect(await rig.settlementOf(fully.orderId)).toMatchObject({
      state: 'settled',
      refundedFen: 9_900,
      platformCommissionFen: 0,
      merchantFen: 0,
      ledgerEntryId: null,
    });
    expect(escrowBefore - (await balanceOf(ctx.db, accounts.escrow))).toBe(19_800);
    expect(await rig.balancesOf(shop.owner, shop.shopId)).toMatchObject({
      pendingFen: 0,
      availableFen: 18_810,
    });
  });
});

describe('zero-deposit withholding (0元开店)', () => {
  it('withholds 10% of each settlement until the deposit reaches the requirement, never more', async () => {
    const shop = await buildDepositShop(ctx, { depositFen: 2_000, zeroDepositEligible: true });
    const orders = [];
    for (let i = 0; i < 4; i++) orders.push(await rig.completedOrder(shop));
    await rig.passWindow();
    const withheld = [];
    for (const o of orders) withheld.push((await rig.settlementOf(o.orderId))!.depositWithheldFen);
    // Merchant share 9,405 each: 941, 941, then the 118 still missing, then nothing.
    expect(withheld).toEqual([941, 941, 118, 0]);
    expect(await rig.balancesOf(shop.owner, shop.shopId)).toMatchObject({
      depositFen: 2_000,
      depositShortfallFen: 0,
      availableFen: 4 * 9_405 - 2_000,
    });
  });

  it('holds the settlements of a shop that may not open without a deposit until it pays, then releases them', async () => {
    const shop = await buildDepositShop(ctx, { depositFen: 50_000, zeroDepositEligible: false });
    const order = await rig.completedOrder(shop);
    await rig.passWindow();
    expect(await rig.settlementOf(order.orderId)).toMatchObject({
      state: 'frozen',
      holdReason: 'deposit_below_requirement',
      depositWithheldFen: 0,
    });
    expect(await rig.balancesOf(shop.owner, shop.shopId)).toMatchObject({
      pendingFen: 9_900,
      availableFen: 0,
      settlement: { state: 'frozen', reason: 'deposit_below_requirement' },
    });

    const part = await rig.payDeposit(shop.owner, shop.shopId, 49_999);
    expect(part.body).toMatchObject({ depositFen: 49_999, releasedSettlements: 0 });
    expect(await rig.settlementOf(order.orderId)).toMatchObject({ state: 'frozen' });

    const rest = await rig.payDeposit(shop.owner, shop.shopId, 1);
    expect(rest.status).toBe(201);
    expect(rest.body).toMatchObject({ depositFen: 50_000, releasedSettlements: 1 });
    expect(await rig.settlementOf(order.orderId)).toMatchObject({
      state: 'settled',
      holdReason: null,
      merchantFen: 9_405,
    });
    expect(await rig.balancesOf(shop.owner, shop.shopId)).toMatchObject({
      pendingFen: 0,
      availableFen: 9_405,
      depositFen: 50_000,
      settlement: { state: 'open' },
    });
  });

  it('counts the categories of the shop’s products: the highest deposit, eligible only if all are', async () => {
    const shop = await buildDepositShop(ctx, { depositFen: 1_000, zeroDepositEligible: true });
    const food = await buildDepositShop(ctx, { depositFen: 2_000_000, zeroDepositEligible: false });
    await buildListedProduct(ctx, shop.shopId, { categoryId: food.categoryId });
    expect(await rig.balancesOf(shop.owner, shop.shopId)).toMatchObject({
      requiredDepositFen: 2_000_000,
      zeroDepositEligible: false,
      settlement: { state: 'frozen', reason: 'deposit_below_requirement' },
    });
  });
});
