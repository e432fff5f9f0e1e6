import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../test/harness.ts';
import { DAY, MINUTE } from '../../platform/clock.ts';
import { accounts, balanceOf, checkLedger } from '../ledger/index.ts';
import { DEPOSIT_TOP_UP, deductDeposit } from './index.ts';
import { buildDepositShop, idemKey, settlementRig } from './settlement.test-support.ts';

let ctx: TestContext;
let rig: ReturnType<typeof settlementRig>;
beforeAll(async () => {
  ctx = await createTestContext();
  rig = settlementRig(ctx);
});
afterEach(async () => {
  expect((await checkLedger(ctx.db)).ok).toBe(true);
});

let causeSeq = 0;
const deduct = (shopId: number, amountFen: number, cause = { type: 'test_fine', id: ++causeSeq }) =>
  ctx.db.transaction().execute((tx) =>
    deductDeposit(
      tx,
      {
        shopId,
        amountFen,
        cause,
        reason: 'fine: false advertising',
        to: accounts.platformCommissionRevenue,
        now: ctx.clock.now(),
      },
      ctx.settings,
    ),
  );
const topUpDeadline = (shopId: number) =>
  ctx.db
    .selectFrom('deadlines')
    .select(['status', 'dueAt'])
    .where('kind', '=', DEPOSIT_TOP_UP)
    .where('subjectId', '=', shopId)
    .orderBy('id')
    .execute();

describe('deposit payments', () => {
  it('pays into the deposit from the provider, once per key', async () => {
    const shop = await buildDepositShop(ctx, { depositFen: 500_000, zeroDepositEligible: false });
    const key = idemKey();
    const first = await rig.payDeposit(shop.owner, shop.shopId, 500_000, key);
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({
      shopId: shop.shopId,
      amountFen: 500_000,
      provider: 'sandbox',
      depositFen: 500_000,
    });
    const again = await rig.payDeposit(shop.owner, shop.shopId, 500_000, key);
    expect(again.status).toBe(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.body).toEqual(first.body);
    expect(await balanceOf(ctx.db, accounts.merchantDeposit(shop.shopId))).toBe(500_000);
    expect(await rig.balancesOf(shop.owner, shop.shopId)).toMatchObject({
      depositFen: 500_000,
      depositShortfallFen: 0,
      withdrawableDepositFen: 0,
      settlement: { state: 'open' },
    });
  });

  it('lets the owner withdraw only the part above the requirement', async () => {
    const shop = await buildDepositShop(ctx, { depositFen: 500_000, zeroDepositEligible: false });
    await rig.payDeposit(shop.owner, shop.shopId, 800_000);
    const payoutBefore = await balanceOf(ctx.db, accounts.payoutProvider);
    const tooMuch = await rig.withdrawDeposit(shop.owner, shop.shopId, 300_001);
    expect(tooMuch.status).toBe(409);
    expect(tooMuch.body.error).toMatchObject({
      code: 'insufficient_funds',
      details: { fields: [{ field: 'amountFen' }], limitFen: 300_000 },
    });
    const ok = await rig.withdrawDeposit(shop.owner, shop.shopId, 300_000);
    expect(ok.status).toBe(201);
    expect(ok.body).toMatchObject({ source: 'merchant_deposit', shopId: shop.shopId, amountFen: 300_000 });
    expect((await balanceOf(ctx.db, accounts.payoutProvider)) - payoutBefore).toBe(300_000);
    expect(await rig.balancesOf(shop.owner, shop.shopId)).toMatchObject({
      depositFen: 500_000,
      withdrawableDepositFen: 0,
    });
    expect((await rig.withdrawDeposit(shop.owner, shop.shopId, 1)).status).toBe(409);
  });
});

describe('deductions and top-up', () => {
  it('freezes settlement when a deduction is not topped up in 7 days, and a top-up releases it', async () => {
    const shop = await buildDepositShop(ctx, { depositFen: 50_000, zeroDepositEligible: false });
    await rig.payDeposit(shop.owner, shop.shopId, 50_000);
    const revenueBefore = await balanceOf(ctx.db, accounts.platformCommissionRevenue);

    const deducted = await deduct(shop.shopId, 20_000);
    expect(deducted).toMatchObject({ deductedFen: 20_000, shortfallFen: 0, replayed: false });
    expect(deducted.topUpDueAt!.getTime() - ctx.clock.now().getTime()).toBe(7 * DAY);
    expect((await balanceOf(ctx.db, accounts.platformCommissionRevenue)) - revenueBefore).toBe(20_000);
    // Within the 7 days the shop still settles.
    expect(await rig.balancesOf(shop.owner, shop.shopId)).toMatchObject({
      depositFen: 30_000,
      settlement: { state: 'open', topUpTargetFen: 50_000, topUpDueAt: deducted.topUpDueAt!.toISOString() },
    });

    ctx.clock.advance(DAY);
    const order = await rig.completedOrder(shop);
    ctx.clock.advance(6 * DAY - MINUTE);
    await rig.runner.runDue();
    expect(await rig.balancesOf(shop.owner, shop.shopId)).toMatchObject({ settlement: { state: 'open' } });
    ctx.clock.advance(MINUTE);
    await rig.runner.runDue();
    expect(await topUpDeadline(shop.shopId)).toEqual([{ status: 'done', dueAt: deducted.topUpDueAt }]);
    expect(await rig.balancesOf(shop.owner, shop.shopId)).toMatchObject({
      settlement: { state: 'frozen', reason: 'deposit_not_topped_up' },
    });

    await rig.passWindow();
    expect(await rig.settlementOf(order.orderId)).toMatchObject({
      state: 'frozen',
      holdReason: 'deposit_not_topped_up',
    });
    const refused = await rig.withdraw(shop.owner, shop.shopId, 1);
    expect(refused.status).toBe(409);
    expect(refused.body.error).toMatchObject({
      code: 'settlement_frozen',
      details: { reason: 'deposit_not_topped_up' },
    });

    expect((await rig.payDeposit(shop.owner, shop.shopId, 19_999)).body).toMatchObject({
      releasedSettlements: 0,
    });
    expect(await rig.settlementOf(order.orderId)).toMatchObject({ state: 'frozen' });
    const topUp = await rig.payDeposit(shop.owner, shop.shopId, 1);
    expect(topUp.body).toMatchObject({ depositFen: 50_000, releasedSettlements: 1 });
    expect(await rig.settlementOf(order.orderId)).toMatchObject({ state: 'settled', merchantFen: 9_405 });
    expect(await rig.balancesOf(shop.owner, shop.shopId)).toMatchObject({
      availableFen: 9_405,
      pendingFen: 0,
      settlement: { state: 'open', reason: null, topUpDueAt: null, topUpTargetFen: 0 },
    });
    expect((await rig.withdraw(shop.owner, shop.shopId, 9_405)).status).toBe(201);
  });

  it('cancels the top-up deadline when the shop tops up in time', async () => {
    const shop = await buildDepositShop(ctx, { depositFen: 50_000, zeroDepositEligible: false });
    await rig.payDeposit(shop.owner, shop.shopId, 50_000);
    await deduct(shop.shopId, 10_000);
    await rig.payDeposit(shop.owner, shop.shopId, 10_000);
    expect((await topUpDeadline(shop.shopId)).map((d) => d.status)).toEqual(['cancelled']);
    ctx.clock.advance(8 * DAY);
    await rig.runner.runDue();
    expect(await rig.balancesOf(shop.owner, shop.shopId)).toMatchObject({
      depositFen: 50_000,
      settlement: { state: 'open', topUpDueAt: null },
    });
  });

  it('deducts once per cause, and at most what the deposit holds', async () => {
    const shop = await buildDepositShop(ctx, { depositFen: 50_000, zeroDepositEligible: false });
    await rig.payDeposit(shop.owner, shop.shopId, 50_000);
    const cause = { type: 'test_compensation', id: 77 };
    const first = await deduct(shop.shopId, 60_000, cause);
    expect(first).toMatchObject({ deductedFen: 50_000, shortfallFen: 10_000, replayed: false });
    const again = await deduct(shop.shopId, 60_000, cause);
    expect(again).toMatchObject({ deductionId: first.deductionId, deductedFen: 50_000, replayed: true });
    expect(await balanceOf(ctx.db, accounts.merchantDeposit(shop.shopId))).toBe(0);
    const empty = await deduct(shop.shopId, 100);
    expect(empty).toMatchObject({ deductedFen: 0, shortfallFen: 100 });
  });

  it('asks a zero-deposit shop to restore only what was taken', async () => {
    const shop = await buildDepositShop(ctx, { depositFen: 500_000, zeroDepositEligible: true });
    await rig.payDeposit(shop.owner, shop.shopId, 30_000);
    const deducted = await deduct(shop.shopId, 10_000);
    expect(deducted.topUpDueAt).not.toBeNull();
    expect(await rig.balancesOf(shop.owner, shop.shopId)).toMatchObject({
      depositFen: 20_000,
      settlement: { state: 'open', topUpTargetFen: 30_000 },
    });
    await rig.payDeposit(shop.owner, shop.shopId, 10_000);
    ctx.clock.advance(8 * DAY);
    await rig.runner.runDue();
    expect(await rig.balancesOf(shop.owner, shop.shopId)).toMatchObject({
      depositFen: 30_000,
      settlement: { state: 'open', topUpDueAt: null, topUpTargetFen: 0 },
    });
  });

  it('refuses a deduction of nothing, or into a merchant or external account', async () => {
    const shop = await buildDepositShop(ctx, { depositFen: 0, zeroDepositEligible: true });
    const run = (amountFen: number, to = accounts.compensationPayable) =>
      ctx.db.transaction().execute((tx) =>
        deductDeposit(
          tx,
          {
            shopId: shop.shopId,
            amountFen,
            cause: { type: 'x', id: 1 },
            reason: 'r',
            to,
            now: ctx.clock.now(),
          },
          ctx.settings,
        ),
      );
    await expect(run(0)).rejects.toThrow(RangeError);
    await expect(run(1.5)).rejects.toThrow(RangeError);
    await expect(run(100, accounts.merchantAvailable(shop.shopId))).rejects.toThrow(RangeError);
    await expect(run(100, accounts.payoutProvider)).rejects.toThrow(RangeError);
  });
});
