import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildListedProduct, buildLiveSession, buildUser, type TestUser } from '../../../test/builders.ts';
import { createTestContext, type TestContext } from '../../../test/harness.ts';
import { checkLedger } from '../ledger/index.ts';
import { buildDepositShop, idemKey, settlementRig } from './settlement.test-support.ts';

let ctx: TestContext;
let rig: ReturnType<typeof settlementRig>;
let creator: TestUser;
let orderIds: number[];
let productId: number;
const V = '/api/v1';

// A creator pins another shop's product offering commission and sells it twice (¥99.00, 10%).
beforeAll(async () => {
  ctx = await createTestContext();
  rig = settlementRig(ctx);
  const shop = await buildDepositShop(ctx, { depositFen: 10_000, zeroDepositEligible: false });
  expect((await rig.payDeposit(shop.owner, shop.shopId, 10_000)).status).toBe(201);
  const product = await buildListedProduct(ctx, shop.shopId);
  productId = product.productId;
  creator = await buildUser(ctx, 'creator');
  const { sessionId } = await buildLiveSession(ctx, { hostUserId: creator.id }, { state: 'live' });
  await rig.as(creator).post(`${V}/live/sessions/${sessionId}/pins`, { productId });
  orderIds = [];
  for (let i = 0; i < 2; i++)
    orderIds.push(
      (await rig.completedOrder(shop, { skuId: product.skuIds[0]!, liveSessionId: sessionId })).orderId,
    );
  await rig.passWindow();
});
afterAll(async () => {
  expect((await checkLedger(ctx.db)).ok).toBe(true);
});

describe("a creator's console reads", () => {
  it('lists the orders the commission was earned on and the withdrawals, the creator’s own only', async () => {
    const earnings = await rig.as(creator).get(`${V}/me/commission/earnings`);
    expect(earnings.status).toBe(200);
    expect(earnings.body.total).toBe(2);
    expect(earnings.body.items.map((e: { orderId: number }) => e.orderId).sort()).toEqual(
      [...orderIds].sort(),
    );
    for (const e of earnings.body.items)
      expect(e).toMatchObject({ paidFen: 9_900, creatorCommissionFen: 990 });

    expect((await rig.as(creator).get(`${V}/me/commission/withdrawals`)).body).toMatchObject({
      total: 0,
      items: [],
    });
    const paid = await rig
      .as(creator)
      .post(`${V}/me/commission/withdrawals`, { amountFen: 500 }, { 'idempotency-key': idemKey() });
    expect(paid.status).toBe(201);
    const withdrawals = await rig.as(creator).get(`${V}/me/commission/withdrawals`);
    expect(withdrawals.body).toMatchObject({ total: 1, items: [{ id: paid.body.id, amountFen: 500 }] });

    const other = await buildUser(ctx, 'creator');
    expect((await rig.as(other).get(`${V}/me/commission/earnings`)).body.total).toBe(0);
    expect((await rig.as(other).get(`${V}/me/commission/withdrawals`)).body.total).toBe(0);
  });

  it('offers the listed products a creator may pin with their commission, to creators only', async () => {
    const offers = await rig.as(creator).get(`${V}/products/commission-offers?limit=100`);
    expect(offers.status).toBe(200);
    const offer = offers.body.items.find((p: { id: number }) => p.id === productId);
    expect(offer).toMatchObject({ creatorCommissionBp: expect.any(Number), minPriceFen: 9_900 });
    expect(offer.creatorCommissionBp).toBeGreaterThan(0);
    const buyer = await buildUser(ctx, 'buyer');
    expect((await rig.as(buyer).get(`${V}/products/commission-offers`)).status).toBe(403);
  });
});
