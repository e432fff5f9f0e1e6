import { beforeAll, describe, expect, it } from 'vitest';
import { buildListedProduct, buildLiveSession, buildPaidOrder } from '../../../../test/builders.ts';
import { createTestContext, type TestContext } from '../../../../test/harness.ts';
import { accounts, balanceOf, balances, entriesFor } from '../../ledger/index.ts';
import { buildDepositShop, idemKey, settlementRig } from '../../settlement/settlement.test-support.ts';
import { buildRequestRow, chargesOf, firstLineOf } from './money.test-support.ts';
import { type RequestRefundInput, refundForRequest } from './refund-for-request.service.ts';

let ctx: TestContext;
let rig: ReturnType<typeof settlementRig>;
beforeAll(async () => {
  ctx = await createTestContext();
  rig = settlementRig(ctx);
});

const V = '/api/v1';

function refund(
  input: Pick<RequestRefundInput, 'requestId' | 'orderId' | 'amountFen'> & Partial<RequestRefundInput>,
) {
  return ctx.db
    .transaction()
    .execute((tx) =>
      refundForRequest(
        tx,
        { orderLineId: null, reason: 'after-sales test', funding: 'order', now: ctx.clock.now(), ...input },
        ctx.settings,
      ),
    );
}

/**
 * A completed live order of 2 × ¥99 in a shop that needs no deposit: at settlement the platform takes
 * 5% (990), the host 10% (1,980), the merchant 16,830.
 */
async function liveOrder() {
  const shop = await buildDepositShop(ctx, { depositFen: 0, zeroDepositEligible: false });
  const { productId, skuIds } = await buildListedProduct(ctx, shop.shopId, { creatorCommissionBp: 1_000 });
  const creator = await rig.buildCreator();
  const { sessionId } = await buildLiveSession(ctx, { hostUserId: creator.id }, { state: 'live' });
  expect((await rig.as(creator).post(`${V}/live/sessions/${sessionId}/pins`, { productId })).status).toBe(
    201,
  );
  const order = await rig.completedOrder(shop, { skuId: skuIds[0]!, quantity: 2, liveSessionId: sessionId });
  expect(order.totalFen).toBe(19_800);
  return { shop, creator, orderId: order.orderId, lineId: await firstLineOf(ctx, order.orderId) };
}

const refundRow = (refundId: number) =>
  ctx.db
    .selectFrom('refunds')
    .select(['amountFen', 'state', 'source', 'orderLineId', 'causeType', 'causeId'])
    .where('id', '=', refundId)
    .executeTakeFirstOrThrow();

describe('refunds of an order not settled yet', () => {
  it('come from escrow; settlement later settles the rest with commissions pro rata', async () => {
    const { shop, creator, orderId, lineId } = await liveOrder();
    const { requestId } = await buildRequestRow(ctx, orderId);
    const escrowBefore = await balanceOf(ctx.db, accounts.escrow);

    const paid = await refund({ requestId, orderId, orderLineId: lineId, amountFen: 9_900 });
    expect(paid).toMatchObject({ source: 'escrow', replayed: false });
    await ctx.deadlines.runDue();
    expect(await refundRow(paid.refundId)).toEqual({
      amountFen: 9_900,
      state: 'succeeded',
      source: 'escrow',
      orderLineId: lineId,
      causeType: 'aftersales_request',
      causeId: requestId,
    });
    expect(await balanceOf(ctx.db, accounts.escrow)).toBe(escrowBefore - 9_900);
    expect(await chargesOf(ctx, orderId)).toEqual([]);

    await rig.passWindow();
    expect(await rig.settlementOf(orderId)).toMatchObject({
      state: 'settled',
      paidFen: 19_800,
      refundedFen: 9_900,
      platformCommissionFen: 495,
      creatorCommissionFen: 990,
      merchantFen: 8_415,
    });
    expect(await rig.balancesOf(shop.owner, shop.shopId)).toMatchObject({ availableFen: 8_415 });
    expect(await balanceOf(ctx.db, accounts.creatorCommission(creator.id))).toBe(990);
  });

  it('paid from the deposit (an unanswered guarantee claim): escrow keeps the order, settlement pays it whole', async () => {
    const { shop, orderId } = await liveOrder();
    expect((await rig.payDeposit(shop.owner, shop.shopId, 2_000)).status).toBe(201);
    const { requestId } = await buildRequestRow(ctx, orderId, { type: 'guarantee_claim' });
    const fundBefore = await balanceOf(ctx.db, accounts.guaranteeFund);

    const paid = await refund({ requestId, orderId, amountFen: 9_900, funding: 'deposit' });
    expect(paid.source).toBe('deposit');
    // deposit first (product rules §4: "from the merchant's deposit"), the platform the rest
    expect(await chargesOf(ctx, orderId)).toEqual([
      {
        kind: 'refund_clawback',
        amountFen: 9_900,
        fromAvailableFen: 0,
        fromDepositFen: 2_000,
        uncollectedFen: 7_900,
        causeType: 'aftersales_request',
      },
    ]);
    expect(await balanceOf(ctx.db, accounts.merchantDeposit(shop.shopId))).toBe(0);
    expect(await balanceOf(ctx.db, accounts.guaranteeFund)).toBe(fundBefore - 7_900);
    await ctx.deadlines.runDue();
    expect((await refundRow(paid.refundId)).state).toBe('succeeded');

    await rig.passWindow();
    expect(await rig.settlementOf(orderId)).toMatchObject({ refundedFen: 0, merchantFen: 16_830 });
  });
});

describe('refunds of a settled order', () => {
  it('claw back the commissions pro rata and the merchant part from available, then deposit, then the fund', async () => {
    const { shop, creator, orderId, lineId } = await liveOrder();
    await rig.passWindow();
    expect(await rig.settlementOf(orderId)).toMatchObject({ state: 'settled', merchantFen: 16_830 });
    // The merchant keeps ¥30 available and holds a ¥50 deposit.
    expect((await rig.withdraw(shop.owner, shop.shopId, 13_830)).status).toBe(201);
    expect((await rig.payDeposit(shop.owner, shop.shopId, 5_000)).status).toBe(201);
    const creatorAccount = accounts.creatorCommission(creator.id);
    const fundBefore = await balanceOf(ctx.db, accounts.guaranteeFund);

    // Half the order: platform 495, host 990, merchant 8,415 = 3,000 available + 5,000 deposit + 415 fund.
    const first = await buildRequestRow(ctx, orderId);
    const paid = await refund({ requestId: first.requestId, orderId, orderLineId: lineId, amountFen: 9_900 });
    expect(paid).toMatchObject({ source: 'clawback', replayed: false });
    const [reversal] = await entriesFor(ctx.db, { type: 'aftersales_request', id: first.requestId });
    expect(reversal!.postings).toEqual(
      expect.arrayContaining([
        { accountCode: 'platform_commission_revenue', amountFen: -495 },
        { accountCode: creatorAccount.code, amountFen: -990 },
        { accountCode: 'escrow', amountFen: 1_485 },
      ]),
    );
    expect(await chargesOf(ctx, orderId)).toEqual([
      {
        kind: 'refund_clawback',
        amountFen: 8_415,
        fromAvailableFen: 3_000,
        fromDepositFen: 5_000,
        uncollectedFen: 415,
        causeType: 'aftersales_request',
      },
    ]);
    const held = await balances(ctx.db, [
      accounts.merchantAvailable(shop.shopId),
      accounts.merchantDeposit(shop.shopId),
      creatorAccount,
      accounts.guaranteeFund,
    ]);
    expect([...held.values()]).toEqual([0, 0, 990, fundBefore - 415]);

    // The host withdraws ¥5 of the ¥9.90 left; the second half: the fund covers the host's missing
    // ¥5 and the merchant's whole 8,415, and the commissions come back exactly in full (990, 1,980).
    const withdrawn = await rig
      .as(creator)
      .post(`${V}/me/commission/withdrawals`, { amountFen: 500 }, { 'idempotency-key': idemKey() });
    expect(withdrawn.status).toBe(201);
    const second = await buildRequestRow(ctx, orderId);
    await refund({ requestId: second.requestId, orderId, orderLineId: lineId, amountFen: 9_900 });
    const [reversal2] = await entriesFor(ctx.db, { type: 'aftersales_request', id: second.requestId });
    expect(reversal2!.postings).toEqual(
      expect.arrayContaining([
        { accountCode: 'platform_commission_revenue', amountFen: -495 },
        { accountCode: creatorAccount.code, amountFen: -490 },
        { accountCode: 'guarantee_fund', amountFen: -500 },
        { accountCode: 'escrow', amountFen: 1_485 },
      ]),
    );
    expect((await chargesOf(ctx, orderId))[1]).toMatchObject({ amountFen: 8_415, uncollectedFen: 8_415 });
    expect(await balanceOf(ctx.db, creatorAccount)).toBe(0);
    expect(await balanceOf(ctx.db, accounts.guaranteeFund)).toBe(fundBefore - 415 - 500 - 8_415);

    // The buyer gets all 19,800 back, out of escrow.
    await ctx.deadlines.runDue();
    const refunds = await ctx.db
      .selectFrom('refunds')
      .select(['amountFen', 'state', 'source'])
      .where('orderId', '=', orderId)
      .orderBy('id')
      .execute();
    expect(refunds).toEqual([
      { amountFen: 9_900, state: 'succeeded', source: 'clawback' },
      { amountFen: 9_900, state: 'succeeded', source: 'clawback' },
    ]);
    // Nothing is left to refund.
    const third = await buildRequestRow(ctx, orderId);
    await expect(refund({ requestId: third.requestId, orderId, amountFen: 1 })).rejects.toMatchObject({
      code: 'refund_exceeds_paid',
      status: 409,
      details: { refundableFen: 0 },
    });
  });
});

describe('one refund per request', () => {
  it('returns the first refund when asked again, and moves money once when two transactions race', async () => {
    const { shop, orderId } = await liveOrder();
    await rig.passWindow();
    const { requestId } = await buildRequestRow(ctx, orderId);
    const availableBefore = await balanceOf(ctx.db, accounts.merchantAvailable(shop.shopId));

    const answers = await Promise.all([
      refund({ requestId, orderId, amountFen: 5_000 }),
      refund({ requestId, orderId, amountFen: 5_000 }),
    ]);
    expect(answers.map((a) => a.replayed).sort()).toEqual([false, true]);
    expect(answers[0]!.refundId).toBe(answers[1]!.refundId);
    const again = await refund({ requestId, orderId, amountFen: 5_000 });
    expect(again).toEqual({ refundId: answers[0]!.refundId, source: 'clawback', replayed: true });

    const refunds = await ctx.db.selectFrom('refunds').select('id').where('orderId', '=', orderId).execute();
    expect(refunds).toHaveLength(1);
    expect(await chargesOf(ctx, orderId)).toHaveLength(1);
    expect(await entriesFor(ctx.db, { type: 'aftersales_request', id: requestId })).toHaveLength(1);
    // platform 250, host 500: the merchant gives back 4,250 once
    expect(await balanceOf(ctx.db, accounts.merchantAvailable(shop.shopId))).toBe(availableBefore - 4_250);
  });
});

describe('never above what was paid', () => {
  it('refuses a refund above the line or above what is left of the order (409), writing nothing', async () => {
    const { orderId, lineId } = await liveOrder();
    const first = await buildRequestRow(ctx, orderId);
    await expect(
      refund({ requestId: first.requestId, orderId, orderLineId: lineId, amountFen: 19_801 }),
    ).rejects.toMatchObject({
      code: 'refund_exceeds_paid',
      status: 409,
      details: { orderLineId: lineId, amountFen: 19_801, refundableFen: 19_800 },
    });
    expect(await ctx.db.selectFrom('refunds').select('id').where('orderId', '=', orderId).execute()).toEqual(
      [],
    );

    await refund({ requestId: first.requestId, orderId, orderLineId: lineId, amountFen: 15_000 });
    const second = await buildRequestRow(ctx, orderId);
    await expect(
      refund({ requestId: second.requestId, orderId, orderLineId: lineId, amountFen: 5_000 }),
    ).rejects.toMatchObject({ code: 'refund_exceeds_paid', details: { refundableFen: 4_800 } });
    // the whole order, without a line, is held to the same total
    await expect(refund({ requestId: second.requestId, orderId, amountFen: 4_801 })).rejects.toMatchObject({
      code: 'refund_exceeds_paid',
      details: { refundableFen: 4_800 },
    });
    expect((await refund({ requestId: second.requestId, orderId, amountFen: 4_800 })).source).toBe('escrow');
  });

  it('refuses a line of another order (404) and an amount that is not positive (400)', async () => {
    const a = await buildPaidOrder(ctx);
    const b = await buildPaidOrder(ctx);
    const { requestId } = await buildRequestRow(ctx, a.orderId);
    await expect(
      refund({
        requestId,
        orderId: a.orderId,
        orderLineId: await firstLineOf(ctx, b.orderId),
        amountFen: 100,
      }),
    ).rejects.toMatchObject({ code: 'not_found' });
    await expect(refund({ requestId, orderId: a.orderId, amountFen: 0 })).rejects.toMatchObject({
      code: 'validation_failed',
    });
  });
});
