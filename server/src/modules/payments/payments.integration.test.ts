import { beforeAll, describe, expect, it } from 'vitest';
import { buildListedProduct, buildShop, buildUser, type TestUser } from '../../../test/builders.ts';
import { api, createTestContext, type TestContext } from '../../../test/harness.ts';
import { MINUTE } from '../../platform/clock.ts';
import type { DeadlineRunner } from '../../platform/scheduler/index.ts';
import { accounts, balanceOf, checkLedger } from '../ledger/index.ts';

let ctx: TestContext;
let runner: DeadlineRunner;
let skuId: number;
let shop: Awaited<ReturnType<typeof buildShop>>;
beforeAll(async () => {
  ctx = await createTestContext();
  runner = ctx.deadlines;
  shop = await buildShop(ctx);
  skuId = (await buildListedProduct(ctx, shop.shopId, { skus: [{ priceFen: 12_800, stock: 1_000 }] }))
    .skuIds[0]!;
});

let seq = 0;
const key = () => `pay-test-${++seq}-${process.pid}`;
async function placeOrder(buyer: TestUser, quantity = 1) {
  const res = await api(ctx.app, buyer.token).post(
    '/api/v1/checkout',
    { items: [{ skuId, quantity }] },
    { 'idempotency-key': key() },
  );
  expect(res.status).toBe(201);
  return res.body as { groupId: number; totalFen: number; orders: { id: number }[] };
}
const pay = (buyer: TestUser, groupId: number, body: object = { method: 'sandbox' }, idem = key()) =>
  api(ctx.app, buyer.token).post(`/api/v1/order-groups/${groupId}/pay`, body, { 'idempotency-key': idem });
const orderOf = async (buyer: TestUser, orderId: number) =>
  (await api(ctx.app, buyer.token).get(`/api/v1/orders/${orderId}`)).body;

describe('payments', () => {
  it('moves a paid group into escrow and its orders to paid with a 48 h ship-by promise', async () => {
    const buyer = await buildUser(ctx, 'buyer');
    const escrowBefore = await balanceOf(ctx.db, accounts.escrow);
    const group = await placeOrder(buyer, 2);
    const res = await pay(buyer, group.groupId);
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ state: 'succeeded', amountFen: 25_600 });
    const order = await orderOf(buyer, group.orders[0]!.id);
    expect(order.state).toBe('paid');
    expect(new Date(order.shipByAt).getTime() - new Date(order.paidAt).getTime()).toBe(48 * 60 * MINUTE);
    expect(order.timeline.map((e: any) => e.toState)).toEqual(['pending_payment', 'paid']);
    expect((await balanceOf(ctx.db, accounts.escrow)) - escrowBefore).toBe(25_600);
    expect((await checkLedger(ctx.db)).ok).toBe(true);
  });

  it('makes one payment for many requests with one key, and refuses paying a paid group again', async () => {
    const buyer = await buildUser(ctx, 'buyer');
    const group = await placeOrder(buyer);
    const idem = key();
    const results = await Promise.all(
      Array.from({ length: 8 }, () => pay(buyer, group.groupId, undefined, idem)),
    );
    expect(new Set(results.map((r) => r.body.id)).size).toBe(1);
    // Replays racing the first see the same payment, possibly still waiting for the provider.
    expect(results.every((r) => ['pending', 'succeeded'].includes(r.body.state))).toBe(true);
    const settled = await pay(buyer, group.groupId, undefined, idem);
    expect(settled.status).toBe(200);
    expect(settled.body).toMatchObject({ id: results[0]!.body.id, state: 'succeeded' });
    const payments = await ctx.db
      .selectFrom('payments')
      .select('id')
      .where('groupId', '=', group.groupId)
      .execute();
    expect(payments).toHaveLength(1);
    const entries = await ctx.db
      .selectFrom('ledgerEntries')
      .select('id')
      .where('causeType', '=', 'payment')
      .where('causeId', '=', payments[0]!.id)
      .execute();
    expect(entries).toHaveLength(1);

    const again = await pay(buyer, group.groupId);
    expect(again.status).toBe(409);
  });

  it('keeps orders waiting after a failed payment, and a retry can succeed', async () => {
    const buyer = await buildUser(ctx, 'buyer');
    const group = await placeOrder(buyer);
    const failed = await pay(buyer, group.groupId, { method: 'sandbox', sandboxOutcome: 'fail' });
    expect(failed.status).toBe(201);
    expect(failed.body).toMatchObject({
      state: 'failed',
      failureReason: expect.stringContaining('declined'),
    });
    expect((await orderOf(buyer, group.orders[0]!.id)).state).toBe('pending_payment');
    const retry = await pay(buyer, group.groupId);
    expect(retry.body.state).toBe('succeeded');
    expect((await orderOf(buyer, group.orders[0]!.id)).state).toBe('paid');
  });

  it('refunds automatically a payment that succeeds after its order was cancelled', async () => {
    const buyer = await buildUser(ctx, 'buyer');
    const group = await placeOrder(buyer);
    const escrowBefore = await balanceOf(ctx.db, accounts.escrow);
    const pending = await pay(buyer, group.groupId, { method: 'sandbox', sandboxOutcome: 'timeout' });
    expect(pending.body.state).toBe('pending');

    ctx.clock.advance(16 * MINUTE);
    await runner.runDue();
    expect((await orderOf(buyer, group.orders[0]!.id)).state).toBe('cancelled');
    expect((await api(ctx.app, buyer.token).get(`/api/v1/payments/${pending.body.id}`)).body.state).toBe(
      'timed_out',
    );

    const late = await api(ctx.app, buyer.token).post(`/api/v1/payments/${pending.body.id}/sandbox-notify`, {
      outcome: 'succeeded',
    });
    expect(late.status).toBe(200);
    expect(late.body.state).toBe('succeeded');
    expect((await orderOf(buyer, group.orders[0]!.id)).state).toBe('cancelled');

    await runner.runDue();
    const refunds = await api(ctx.app, buyer.token).get(`/api/v1/orders/${group.orders[0]!.id}/refunds`);
    expect(refunds.body).toMatchObject([{ amountFen: group.totalFen, state: 'succeeded' }]);
    expect(await balanceOf(ctx.db, accounts.escrow)).toBe(escrowBefore);

    // The same late answer again changes nothing.
    const again = await api(ctx.app, buyer.token).post(`/api/v1/payments/${pending.body.id}/sandbox-notify`, {
      outcome: 'succeeded',
    });
    expect(again.status).toBe(409);
    await runner.runDue();
    expect(
      (await api(ctx.app, buyer.token).get(`/api/v1/orders/${group.orders[0]!.id}/refunds`)).body,
    ).toHaveLength(1);
    expect((await checkLedger(ctx.db)).ok).toBe(true);
  });

  it('pays in the checkout call when asked to', async () => {
    const buyer = await buildUser(ctx, 'buyer');
    const idem = key();
    const body = { items: [{ skuId, quantity: 1 }], pay: { method: 'sandbox' } };
    const res = await api(ctx.app, buyer.token).post('/api/v1/checkout', body, { 'idempotency-key': idem });
    expect(res.status).toBe(201);
    expect(res.body.payment).toMatchObject({ state: 'succeeded', amountFen: 12_800 });
    expect(res.body.orders[0].state).toBe('paid');
    const replay = await api(ctx.app, buyer.token).post('/api/v1/checkout', body, {
      'idempotency-key': idem,
    });
    expect(replay.body.payment.id).toBe(res.body.payment.id);
    expect((await orderOf(buyer, res.body.orders[0].id)).state).toBe('paid');
  });

  it('hides other buyers’ groups and payments', async () => {
    const owner = await buildUser(ctx, 'buyer');
    const other = await buildUser(ctx, 'buyer');
    const group = await placeOrder(owner);
    expect((await pay(other, group.groupId)).status).toBe(404);
    const paid = await pay(owner, group.groupId);
    expect((await api(ctx.app, other.token).get(`/api/v1/payments/${paid.body.id}`)).status).toBe(404);
  });
});

describe('a payment the provider does not answer', () => {
  it('times out after 5 minutes; the buyer pays again, and a late success of the first is refunded', async () => {
    const buyer = await buildUser(ctx, 'buyer');
    const group = await placeOrder(buyer);
    const escrowBefore = await balanceOf(ctx.db, accounts.escrow);
    const first = await pay(buyer, group.groupId, { method: 'sandbox', sandboxOutcome: 'timeout' });
    expect(first.body.state).toBe('pending');
    expect((await pay(buyer, group.groupId)).status).toBe(409); // still waiting for its answer

    ctx.clock.advance(6 * MINUTE);
    await runner.runDue();
    expect((await api(ctx.app, buyer.token).get(`/api/v1/payments/${first.body.id}`)).body.state).toBe(
      'timed_out',
    );
    const second = await pay(buyer, group.groupId);
    expect(second.body.state).toBe('succeeded');
    expect((await orderOf(buyer, group.orders[0]!.id)).state).toBe('paid');

    const late = await api(ctx.app, buyer.token).post(`/api/v1/payments/${first.body.id}/sandbox-notify`, {
      outcome: 'succeeded',
    });
    expect(late.body.state).toBe('succeeded');
    await runner.runDue();
    const refunds = await api(ctx.app, buyer.token).get(`/api/v1/orders/${group.orders[0]!.id}/refunds`);
    expect(refunds.body).toMatchObject([
      { paymentId: first.body.id, amountFen: group.totalFen, state: 'succeeded' },
    ]);
    // The order was paid once: escrow holds its price once.
    expect((await balanceOf(ctx.db, accounts.escrow)) - escrowBefore).toBe(group.totalFen);
    expect((await orderOf(buyer, group.orders[0]!.id)).state).toBe('paid');

    // The duplicate's refund is not a refund of the order: settlement pays the order in full.
    const orderId = group.orders[0]!.id;
    const shipped = await api(ctx.app, shop.owner.token).post(
      `/api/v1/shops/${shop.shopId}/orders/${orderId}/shipment`,
      {
        carrier: 'sandbox',
        trackingNumber: `DP${seq}${process.pid}X1234`,
      },
    );
    expect(shipped.status).toBe(201);
    expect((await api(ctx.app, buyer.token).post(`/api/v1/orders/${orderId}/confirm-receipt`)).status).toBe(
      200,
    );
    ctx.clock.advance(ctx.settings.settlementDelayMs + MINUTE);
    await runner.runDue();
    const settlement = await ctx.db
      .selectFrom('settlements')
      .selectAll()
      .where('orderId', '=', orderId)
      .executeTakeFirstOrThrow();
    expect(settlement).toMatchObject({ state: 'settled', paidFen: group.totalFen, refundedFen: 0 });
    expect((await balanceOf(ctx.db, accounts.escrow)) - escrowBefore).toBe(0);
  });
});
