import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  buildListedProduct,
  buildLiveSession,
  buildStaff,
  buildUser,
  type TestUser,
} from '../../../test/builders.ts';
import { createTestContext, type TestContext, tableCounts } from '../../../test/harness.ts';
import { accounts, balanceOf, checkLedger } from '../ledger/index.ts';
import { buildDepositShop, idemKey, settlementRig } from './settlement.test-support.ts';

let ctx: TestContext;
let rig: ReturnType<typeof settlementRig>;
let shop: { shopId: number; owner: TestUser };
let creator: TestUser;
const V = '/api/v1';

// One shop with two settled live orders: ¥99.00 each, 5% platform, 10% host, full deposit paid.
beforeAll(async () => {
  ctx = await createTestContext();
  rig = settlementRig(ctx);
  shop = await buildDepositShop(ctx, { depositFen: 10_000, zeroDepositEligible: false });
  expect((await rig.payDeposit(shop.owner, shop.shopId, 10_000)).status).toBe(201);
  const { productId, skuIds } = await buildListedProduct(ctx, shop.shopId);
  creator = await buildUser(ctx, 'creator');
  const { sessionId } = await buildLiveSession(ctx, { hostUserId: creator.id }, { state: 'live' });
  await rig.as(creator).post(`${V}/live/sessions/${sessionId}/pins`, { productId });
  for (let i = 0; i < 2; i++) await rig.completedOrder(shop, { skuId: skuIds[0]!, liveSessionId: sessionId });
  await rig.passWindow();
});
afterEach(async () => {
  expect((await checkLedger(ctx.db)).ok).toBe(true);
});

const available = () => balanceOf(ctx.db, accounts.merchantAvailable(shop.shopId));
const withdrawalsOf = async (shopId: number) =>
  (await ctx.db.selectFrom('withdrawals').select('id').where('shopId', '=', shopId).execute()).length;

describe('merchant withdrawals', () => {
  it('pays out within the available balance and refuses beyond it, naming amountFen', async () => {
    expect(await available()).toBe(2 * 8_415);
    const payoutBefore = await balanceOf(ctx.db, accounts.payoutProvider);
    const ok = await rig.withdraw(shop.owner, shop.shopId, 10_000);
    expect(ok.status).toBe(201);
    expect(ok.body).toMatchObject({
      source: 'merchant_available',
      shopId: shop.shopId,
      amountFen: 10_000,
      provider: 'sandbox',
    });
    expect(ok.body.providerRef).toBe(`sandbox-payout-${ok.body.id}`);
    expect(await available()).toBe(6_830);
    expect((await balanceOf(ctx.db, accounts.payoutProvider)) - payoutBefore).toBe(10_000);

    const before = await withdrawalsOf(shop.shopId);
    const tooMuch = await rig.withdraw(shop.owner, shop.shopId, 6_831);
    expect(tooMuch.status).toBe(409);
    expect(tooMuch.body.error).toMatchObject({
      code: 'insufficient_funds',
      details: {
        fields: [{ field: 'amountFen', reason: 'exceeds the available balance of 6830 fen' }],
        limitFen: 6_830,
      },
    });
    expect(await withdrawalsOf(shop.shopId)).toBe(before);
    expect(await available()).toBe(6_830);

    const list = await rig.as(shop.owner).get(`${V}/shops/${shop.shopId}/withdrawals`);
    expect(list.body).toMatchObject({ total: 1, items: [{ id: ok.body.id, amountFen: 10_000 }] });
  });

  it('makes one withdrawal for a key however often it is sent, and refuses the key for another amount', async () => {
    const key = idemKey();
    const first = await rig.withdraw(shop.owner, shop.shopId, 1_000, key);
    const replays = await Promise.all([1, 2, 3].map(() => rig.withdraw(shop.owner, shop.shopId, 1_000, key)));
    expect(first.status).toBe(201);
    for (const r of replays) {
      expect(r.status).toBe(201);
      expect(r.body).toEqual(first.body);
      expect(r.headers['idempotent-replayed']).toBe('true');
    }
    expect(
      await ctx.db.selectFrom('withdrawals').select('id').where('id', '=', first.body.id).execute(),
    ).toHaveLength(1);
    const other = await rig.withdraw(shop.owner, shop.shopId, 2_000, key);
    expect(other.status).toBe(422);
    expect(other.body.error.details.fields).toEqual([
      { field: 'Idempotency-Key', reason: 'already used for a different request' },
    ]);
  });

  it('replays a refusal as a refusal, even once the money is there', async () => {
    const key = idemKey();
    const balance = await available();
    expect((await rig.withdraw(shop.owner, shop.shopId, balance + 1, key)).status).toBe(409);
    const replay = await rig.withdraw(shop.owner, shop.shopId, balance + 1, key);
    expect(replay.status).toBe(409);
    expect(replay.headers['idempotent-replayed']).toBe('true');
  });

  it('pays out once when two withdrawals race for the same money', async () => {
    const balance = await available();
    const both = await Promise.all([
      rig.withdraw(shop.owner, shop.shopId, balance),
      rig.withdraw(shop.owner, shop.shopId, balance),
    ]);
    expect(both.map((r) => r.status).sort()).toEqual([201, 409]);
    expect(await available()).toBe(0);
  });

  it('lets only the owner withdraw, and shows nothing of a shop to others', async () => {
    const staff = await buildStaff(ctx, shop.shopId);
    expect((await rig.withdraw(staff, shop.shopId, 100)).status).toBe(403);
    expect((await rig.withdrawDeposit(staff, shop.shopId, 100)).status).toBe(403);
    expect((await rig.payDeposit(staff, shop.shopId, 100)).status).toBe(403);
    expect((await rig.as(staff).get(`${V}/shops/${shop.shopId}/balances`)).status).toBe(200);

    const other = await buildDepositShop(ctx, { depositFen: 0, zeroDepositEligible: true });
    const counts = await tableCounts(ctx.db);
    const stranger = other.owner;
    for (const res of [
      await rig.as(stranger).get(`${V}/shops/${shop.shopId}/balances`),
      await rig.as(stranger).get(`${V}/shops/${shop.shopId}/settlements`),
      await rig.as(stranger).get(`${V}/shops/${shop.shopId}/withdrawals`),
      await rig.withdraw(stranger, shop.shopId, 100),
      await rig.payDeposit(stranger, shop.shopId, 100),
      await rig.withdrawDeposit(stranger, shop.shopId, 100),
    ]) {
      expect(res.status).toBe(404);
      expect(res.body.error.code).toBe('not_found');
    }
    expect(await tableCounts(ctx.db)).toEqual(counts);
    expect((await rig.as(creator).get(`${V}/shops/${shop.shopId}/balances`)).status).toBe(403);
  });
});

describe('creator commission', () => {
  it('shows the host’s commission and pays it out within the balance', async () => {
    const me = await rig.as(creator).get(`${V}/me/commission`);
    expect(me.body).toEqual({ userId: creator.id, balanceFen: 1_980, earnedFen: 1_980, withdrawnFen: 0 });
    const tooMuch = await rig
      .as(creator)
      .post(`${V}/me/commission/withdrawals`, { amountFen: 1_981 }, { 'idempotency-key': idemKey() });
    expect(tooMuch.status).toBe(409);
    expect(tooMuch.body.error.details.fields).toEqual([
      { field: 'amountFen', reason: 'exceeds the commission balance of 1980 fen' },
    ]);
    const ok = await rig
      .as(creator)
      .post(`${V}/me/commission/withdrawals`, { amountFen: 1_980 }, { 'idempotency-key': idemKey() });
    expect(ok.status).toBe(201);
    expect(ok.body).toMatchObject({
      source: 'creator_commission',
      creatorUserId: creator.id,
      shopId: null,
      amountFen: 1_980,
    });
    expect((await rig.as(creator).get(`${V}/me/commission`)).body).toEqual({
      userId: creator.id,
      balanceFen: 0,
      earnedFen: 1_980,
      withdrawnFen: 1_980,
    });
  });

  it('shows a buyer nothing: the route is for hosts', async () => {
    const buyer = await buildUser(ctx, 'buyer');
    expect((await rig.as(buyer).get(`${V}/me/commission`)).status).toBe(403);
  });
});
