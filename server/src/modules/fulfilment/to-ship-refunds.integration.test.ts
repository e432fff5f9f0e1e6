import { beforeAll, describe, expect, it } from 'vitest';
import { buildListedProduct, buildShop, buildUser, type TestUser } from '../../../test/builders.ts';
import { api, createTestContext, type TestContext } from '../../../test/harness.ts';
import { fulfilmentApi, waybill } from './fulfilment.test-support.ts';

let ctx: TestContext;
let f: ReturnType<typeof fulfilmentApi>;
beforeAll(async () => {
  ctx = await createTestContext();
  f = fulfilmentApi(ctx);
});

let seq = 0;

/** A shop selling one product in two SKUs (¥99.00 and ¥50.00), both below the instant-refund limit. */
async function twoSkuShop() {
  const { shopId, owner } = await buildShop(ctx);
  const { skuIds } = await buildListedProduct(ctx, shopId, {
    skus: [
      { priceFen: 9_900, stock: 50 },
      { priceFen: 5_000, stock: 50 },
    ],
  });
  return { shopId, owner, skuA: skuIds[0]!, skuB: skuIds[1]! };
}

/** A paid order of a new buyer with the given lines; returns the order and its line ids per SKU. */
async function paidOrder(items: { skuId: number; quantity: number }[]) {
  const buyer = await buildUser(ctx, 'buyer');
  const res = await api(ctx.app, buyer.token).post(
    '/api/v1/checkout',
    { items, pay: { method: 'sandbox' } },
    { 'idempotency-key': `to-ship-refunds-${process.pid}-${++seq}` },
  );
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  const order = res.body.orders[0];
  const lines = await ctx.db
    .selectFrom('orderLines')
    .select(['id', 'skuId'])
    .where('orderId', '=', order.id)
    .execute();
  const lineOf = (skuId: number) => lines.find((l) => l.skuId === skuId)!.id;
  return { orderId: order.id as number, totalFen: order.totalFen as number, buyer, lineOf };
}

/** 极速退款 of `quantity` units of a line, optionally for less than the line's price. */
async function instantRefund(
  buyer: TestUser,
  orderId: number,
  orderLineId: number,
  quantity: number,
  amountFen?: number,
) {
  const res = await api(ctx.app, buyer.token).post(
    '/api/v1/aftersales/requests',
    {
      orderId,
      orderLineId,
      type: 'refund_only_unshipped',
      reason: 'not_shipped_yet',
      quantity,
      ...(amountFen === undefined ? {} : { amountFen }),
    },
    { 'idempotency-key': `to-ship-refund-${process.pid}-${++seq}` },
  );
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  expect(res.body).toMatchObject({ state: 'refunded', autoRule: 'instant_refund' });
}

describe('orders to ship after 极速退款', () => {
  it('shows only the lines and units still to ship, with the amount still to be paid out', async () => {
    const { shopId, owner, skuA, skuB } = await twoSkuShop();
    const order = await paidOrder([
      { skuId: skuA, quantity: 3 },
      { skuId: skuB, quantity: 1 },
    ]);
    expect(order.totalFen).toBe(3 * 9_900 + 5_000);
    // The whole line B, and one unit of line A.
    await instantRefund(order.buyer, order.orderId, order.lineOf(skuB), 1);
    await instantRefund(order.buyer, order.orderId, order.lineOf(skuA), 1);

    const queue = await f.toShip(owner.token, shopId);
    expect(queue.status, JSON.stringify(queue.body)).toBe(200);
    expect(queue.body.total).toBe(1);
    const [item] = queue.body.items;
    expect(item).toMatchObject({
      orderId: order.orderId,
      totalFen: order.totalFen,
      refundedFen: 9_900 + 5_000,
      payoutFen: 2 * 9_900,
    });
    expect(item.lines).toEqual([
      expect.objectContaining({ orderLineId: order.lineOf(skuA), quantity: 2, refundedQuantity: 1 }),
    ]);

    // What remains ships as usual.
    const shipped = await f.ship(owner.token, shopId, order.orderId, {
      carrier: 'sandbox',
      trackingNumber: waybill(),
    });
    expect(shipped.status, JSON.stringify(shipped.body)).toBe(201);
  });

  it('an order whose every unit was refunded is not there at all, and shipping it is refused', async () => {
    const { shopId, owner, skuA, skuB } = await twoSkuShop();
    const order = await paidOrder([
      { skuId: skuA, quantity: 1 },
      { skuId: skuB, quantity: 1 },
    ]);
    // Refunded for less than paid (the buyer asked for less): every unit is refunded, the money not all.
    await instantRefund(order.buyer, order.orderId, order.lineOf(skuA), 1, 9_000);
    await instantRefund(order.buyer, order.orderId, order.lineOf(skuB), 1, 4_000);
    const other = await paidOrder([{ skuId: skuA, quantity: 1 }]);

    const queue = await f.toShip(owner.token, shopId);
    expect(queue.status).toBe(200);
    expect(queue.body.items.map((i: { orderId: number }) => i.orderId)).toEqual([other.orderId]);
    expect(queue.body.total).toBe(1);

    const ship = await f.ship(owner.token, shopId, order.orderId, {
      carrier: 'sandbox',
      trackingNumber: waybill(),
    });
    expect(ship.status).toBe(409);
    expect(ship.body.error.code).toBe('order_refunded');
    expect(ship.body.error.details).toMatchObject({ orderId: order.orderId });
    const state = await ctx.db
      .selectFrom('orders')
      .select('state')
      .where('id', '=', order.orderId)
      .executeTakeFirstOrThrow();
    expect(state.state).toBe('paid');

    // Nothing was to ship, so the ship-by promise passing breaks nothing (no 晚发立赔 for it).
    ctx.clock.advance(49 * 3_600_000);
    await ctx.deadlines.runDue();
    const incidents = await ctx.db
      .selectFrom('fulfilmentIncidents')
      .select(['orderId', 'kind'])
      .where('orderId', 'in', [order.orderId, other.orderId])
      .execute();
    expect(incidents).toEqual([{ orderId: other.orderId, kind: 'ship_by_missed' }]);
  });

  it('an order refunded in full by its lines is not there either', async () => {
    const { shopId, owner, skuA, skuB } = await twoSkuShop();
    const order = await paidOrder([
      { skuId: skuA, quantity: 1 },
      { skuId: skuB, quantity: 2 },
    ]);
    await instantRefund(order.buyer, order.orderId, order.lineOf(skuA), 1);
    await instantRefund(order.buyer, order.orderId, order.lineOf(skuB), 2);
    const queue = await f.toShip(owner.token, shopId);
    expect(queue.body.items).toEqual([]);
    const ship = await f.ship(owner.token, shopId, order.orderId, {
      carrier: 'sandbox',
      trackingNumber: waybill(),
    });
    expect(ship.status).toBe(409);
    expect(ship.body.error.code).toBe('order_refunded');
  });
});
