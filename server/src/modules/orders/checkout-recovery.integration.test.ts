import { beforeAll, describe, expect, it } from 'vitest';
import { buildListedProduct, buildShop, buildUser, type TestUser } from '../../../test/builders.ts';
import { api, createTestContext, type TestContext } from '../../../test/harness.ts';
import { MINUTE } from '../../platform/clock.ts';
import { accounts, balanceOf, checkLedger } from '../ledger/index.ts';
import { PaymentService, paymentProvider } from '../payments/index.ts';
import { CheckoutService } from './checkout.service.ts';

// Issue 13: a server killed between a pay-at-checkout's first transaction (key claimed, orders
// pending_payment, stock taken, payment started) and the provider's charge lost 30 answers; those
// orders held stock until the unpaid deadline. These tests leave a checkout in exactly that state,
// with the services the route uses, as a process that dies right after the commit leaves it, then
// retry the request with its Idempotency-Key as the buyer's app does.

const STOCK = 50;
const PRICE = 12_800;

let ctx: TestContext;
let skuId: number;
beforeAll(async () => {
  ctx = await createTestContext();
  const shop = await buildShop(ctx);
  skuId = (await buildListedProduct(ctx, shop.shopId, { skus: [{ priceFen: PRICE, stock: STOCK }] }))
    .skuIds[0]!;
});

type Outcome = 'succeed' | 'fail' | 'timeout';

/** The first transaction of `POST /checkout` with `pay`, committed; the process "dies" before the charge. */
async function checkoutThenCrash(buyer: TestUser, key: string, quantity: number, sandboxOutcome?: Outcome) {
  const payments = new PaymentService(ctx.db, ctx.clock, ctx.settings, paymentProvider(), ctx.log);
  const checkout = new CheckoutService(ctx.db, ctx.clock, ctx.settings, ctx.log, {
    startPayments: (tx, starts, now) => payments.startWithCheckout(tx, starts, now),
  });
  const outcome = await checkout.checkout({
    buyerId: buyer.id,
    idempotencyKey: key,
    items: [{ skuId, quantity }],
    pay: { sandboxOutcome: sandboxOutcome ?? null },
  });
  expect(outcome.status).toBe(201);
  expect(outcome.paymentId).toBeDefined();
  return outcome as typeof outcome & { body: { groupId: number; orders: { id: number }[] } };
}

const retry = (buyer: TestUser, key: string, quantity: number, sandboxOutcome?: Outcome) =>
  api(ctx.app, buyer.token).post(
    '/api/v1/checkout',
    {
      items: [{ skuId, quantity }],
      pay: { method: 'sandbox', ...(sandboxOutcome ? { sandboxOutcome } : {}) },
    },
    { 'idempotency-key': key },
  );

const stockLeft = async () =>
  (await ctx.db.selectFrom('skus').select('stock').where('id', '=', skuId).executeTakeFirstOrThrow()).stock;
const orderState = async (orderId: number) =>
  (await ctx.db.selectFrom('orders').select('state').where('id', '=', orderId).executeTakeFirstOrThrow())
    .state;
const paymentsOfGroup = (groupId: number) =>
  ctx.db.selectFrom('payments').select(['id', 'state']).where('groupId', '=', groupId).execute();
const captures = async (paymentId: number) =>
  (
    await ctx.db
      .selectFrom('ledgerEntries')
      .select('id')
      .where('causeType', '=', 'payment')
      .where('causeId', '=', paymentId)
      .execute()
  ).length;

describe('a pay-at-checkout whose answer a crash lost', () => {
  it('is paid by a retry with the same Idempotency-Key, once: stock taken once, money in escrow once', async () => {
    const buyer = await buildUser(ctx, 'buyer');
    const stockBefore = await stockLeft();
    const escrowBefore = await balanceOf(ctx.db, accounts.escrow);
    const first = await checkoutThenCrash(buyer, 'crash-pay-1', 2);
    const orderId = first.body.orders[0]!.id;
    expect(await orderState(orderId)).toBe('pending_payment');
    expect(await paymentsOfGroup(first.body.groupId)).toEqual([{ id: first.paymentId, state: 'pending' }]);

    const res = await retry(buyer, 'crash-pay-1', 2);
    expect(res.status).toBe(201);
    expect(res.headers['idempotent-replayed']).toBe('true');
    expect(res.body).toMatchObject({
      groupId: first.body.groupId,
      totalFen: 2 * PRICE,
      orders: [{ id: orderId, state: 'paid' }],
      payment: { id: first.paymentId, state: 'succeeded', amountFen: 2 * PRICE },
    });
    expect(await orderState(orderId)).toBe('paid');
    expect(await paymentsOfGroup(first.body.groupId)).toEqual([{ id: first.paymentId, state: 'succeeded' }]);
    expect(stockBefore - (await stockLeft())).toBe(2);
    expect((await balanceOf(ctx.db, accounts.escrow)) - escrowBefore).toBe(2 * PRICE);
    expect(await captures(first.paymentId!)).toBe(1);

    // Another retry answers the same and moves nothing; the unpaid deadline no longer cancels it.
    const again = await retry(buyer, 'crash-pay-1', 2);
    expect(again.status).toBe(201);
    expect(again.body).toMatchObject({ orders: [{ state: 'paid' }], payment: { state: 'succeeded' } });
    ctx.clock.advance(ctx.settings.paymentTimeoutMs + MINUTE);
    await ctx.deadlines.runDue();
    expect(await orderState(orderId)).toBe('paid');
    expect(stockBefore - (await stockLeft())).toBe(2);
    expect((await balanceOf(ctx.db, accounts.escrow)) - escrowBefore).toBe(2 * PRICE);
    expect(await captures(first.paymentId!)).toBe(1);
    expect((await checkLedger(ctx.db)).ok).toBe(true);
  });

  it('pays once when retries race each other', async () => {
    const buyer = await buildUser(ctx, 'buyer');
    const escrowBefore = await balanceOf(ctx.db, accounts.escrow);
    const first = await checkoutThenCrash(buyer, 'crash-pay-race', 1);
    const answers = await Promise.all(Array.from({ length: 6 }, () => retry(buyer, 'crash-pay-race', 1)));
    for (const res of answers) {
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ payment: { id: first.paymentId, state: 'succeeded' } });
    }
    expect((await balanceOf(ctx.db, accounts.escrow)) - escrowBefore).toBe(PRICE);
    expect(await captures(first.paymentId!)).toBe(1);
  });

  it('answers what happened when the charge is declined, and the unpaid deadline then frees the stock', async () => {
    const buyer = await buildUser(ctx, 'buyer');
    const stockBefore = await stockLeft();
    const escrowBefore = await balanceOf(ctx.db, accounts.escrow);
    const first = await checkoutThenCrash(buyer, 'crash-pay-declined', 3, 'fail');
    const orderId = first.body.orders[0]!.id;

    const res = await retry(buyer, 'crash-pay-declined', 3, 'fail');
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      orders: [{ id: orderId, state: 'pending_payment' }],
      payment: { id: first.paymentId, state: 'failed', failureReason: 'sandbox: card declined' },
    });
    expect(await orderState(orderId)).toBe('pending_payment');
    expect((await balanceOf(ctx.db, accounts.escrow)) - escrowBefore).toBe(0);

    ctx.clock.advance(ctx.settings.paymentTimeoutMs + MINUTE);
    await ctx.deadlines.runDue();
    expect(await orderState(orderId)).toBe('cancelled');
    expect(await stockLeft()).toBe(stockBefore);
  });

  it('leaves a charge still without an answer waiting (timeout), as the first request would have', async () => {
    const buyer = await buildUser(ctx, 'buyer');
    const first = await checkoutThenCrash(buyer, 'crash-pay-timeout', 1, 'timeout');
    const res = await retry(buyer, 'crash-pay-timeout', 1, 'timeout');
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      orders: [{ state: 'pending_payment' }],
      payment: { id: first.paymentId, state: 'pending' },
    });
  });
});
