import { beforeAll, describe, expect, it } from 'vitest';
import { buildListedProduct, buildPaidOrder, buildShop, type TestUser } from '../../../../test/builders.ts';
import { createTestContext, type TestContext } from '../../../../test/harness.ts';
import { HOUR, MINUTE } from '../../../platform/clock.ts';
import { scheduleDeadline } from '../../../platform/scheduler/index.ts';
import { deadlinesOf, fulfilmentApi, waybill } from '../../fulfilment/fulfilment.test-support.ts';
import { SHIP_BY } from '../../fulfilment/index.ts';
import { accounts, balanceOf, entriesFor } from '../../ledger/index.ts';
import { settlementRig } from '../../settlement/settlement.test-support.ts';
import { FAKE_SHIPMENT_CHECK, LOGISTICS_STALL } from './deadline-kinds.ts';
import { chargesOf, compensationsOf, incidentKinds, systemRequestsOf } from './money.test-support.ts';

let ctx: TestContext;
let f: ReturnType<typeof fulfilmentApi>;
let rig: ReturnType<typeof settlementRig>;
beforeAll(async () => {
  ctx = await createTestContext();
  f = fulfilmentApi(ctx);
  rig = settlementRig(ctx);
});

/** A shop (owner signed in) selling at each price, and one paid order per price, all paid now. */
async function paidOrdersAt(prices: number[]) {
  const { shopId, owner } = await buildShop(ctx);
  const orders = [];
  for (const priceFen of prices) {
    const { skuIds } = await buildListedProduct(ctx, shopId, { skus: [{ priceFen, stock: 10 }] });
    orders.push(await buildPaidOrder(ctx, { shopId, skuId: skuIds[0]! }));
  }
  return { shopId, owner, orders };
}

async function ship(owner: TestUser, shopId: number, orderId: number): Promise<number> {
  const res = await f.ship(owner.token, shopId, orderId, { carrier: 'sandbox', trackingNumber: waybill() });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.shipment.id;
}

async function track(owner: TestUser, shipmentId: number, event: string) {
  expect((await f.track(owner.token, shipmentId, { event })).status).toBe(201);
}

const amounts = async (orderId: number) =>
  (await compensationsOf(ctx, orderId)).map((c) => [c.kind, c.amountFen]);

describe('晚发立赔: no carrier pickup by the ship-by promise', () => {
  it('pays 10% of the paid amount, at least ¥5 and at most ¥30, charged to the merchant, once', async () => {
    // ¥3 → the ¥5 minimum; ¥99 → ¥9.90; ¥500 → the ¥30 maximum (¥50 capped)
    const { shopId, owner, orders } = await paidOrdersAt([300, 9_900, 50_000]);
    const [small, mid, large] = orders as [(typeof orders)[0], (typeof orders)[0], (typeof orders)[0]];
    // The merchant holds ¥20 of deposit: it pays ¥5 + ¥9.90 + ¥5.10 of the third; the fund covers ¥24.90.
    expect((await rig.payDeposit(owner, shopId, 2_000)).status).toBe(201);
    const fundBefore = await balanceOf(ctx.db, accounts.guaranteeFund);
    const payoutBefore = await balanceOf(ctx.db, accounts.payoutProvider);
    ctx.clock.advance(40 * HOUR);
    await ship(owner, shopId, mid.orderId); // shipped in time, but no carrier picks it up

    ctx.clock.advance(8 * HOUR - MINUTE);
    await ctx.deadlines.runDue();
    for (const o of orders) expect(await compensationsOf(ctx, o.orderId)).toEqual([]);

    ctx.clock.advance(MINUTE);
    await ctx.deadlines.runDue();
    expect(await amounts(small.orderId)).toEqual([['late_shipment', 500]]);
    expect(await amounts(mid.orderId)).toEqual([['late_shipment', 990]]);
    expect(await amounts(large.orderId)).toEqual([['late_shipment', 3_000]]);
    for (const o of orders) expect(await incidentKinds(ctx, o.orderId)).toContain('ship_by_missed');
    expect(await chargesOf(ctx, large.orderId)).toEqual([
      {
        kind: 'compensation',
        amountFen: 3_000,
        fromAvailableFen: 0,
        // the deposit had ¥5.10 left after the first two (in order of their promises)
        fromDepositFen: 510,
        uncollectedFen: 2_490,
        causeType: 'compensation',
      },
    ]);
    expect(await balanceOf(ctx.db, accounts.merchantDeposit(shopId))).toBe(0);
    expect(await balanceOf(ctx.db, accounts.guaranteeFund)).toBe(fundBefore - (500 + 990 + 3_000 - 2_000));
    // Paid out to the buyers; nothing left owed.
    expect(await balanceOf(ctx.db, accounts.payoutProvider)).toBe(payoutBefore + 4_490);
    expect(await balanceOf(ctx.db, accounts.compensationPayable)).toBe(0);

    // Recorded as a system after-sales request, resolved, with the rule, inputs and plain words.
    const [request] = await systemRequestsOf(ctx, mid.orderId);
    expect(request).toMatchObject({
      type: 'late_shipment_compensation',
      state: 'resolved',
      autoRule: 'late_shipment',
      requestedFen: 990,
      approvedFen: 990,
      orderLineId: null,
      deadlineAt: null,
      closedAt: ctx.clock.now(),
    });
    expect(request!.events).toEqual([
      expect.objectContaining({
        fromState: null,
        toState: 'resolved',
        actorKind: 'system',
        rule: 'late_shipment',
        inputs: { paidFen: 9_900, rateBp: 1_000, minFen: 500, maxFen: 3_000, amountFen: 990 },
        explanationZh: expect.stringContaining('¥9.90'),
        explanationEn: expect.stringContaining('paid ¥9.90 automatically (10% of the ¥99.00 paid'),
      }),
    ]);
    const [compensation] = await compensationsOf(ctx, mid.orderId);
    expect(compensation).toMatchObject({ payer: 'merchant', rule: 'late_shipment', requestId: request!.id });

    // The deadline fires again (a second schedule): nothing is paid twice.
    await ctx.db
      .transaction()
      .execute((tx) =>
        scheduleDeadline(tx, { kind: SHIP_BY, subjectId: mid.orderId, dueAt: ctx.clock.now() }),
      );
    await ctx.deadlines.runDue();
    expect(await amounts(mid.orderId)).toEqual([['late_shipment', 990]]);
    expect(await systemRequestsOf(ctx, mid.orderId)).toHaveLength(1);
    expect(await entriesFor(ctx.db, { type: 'compensation', id: compensation!.id })).toHaveLength(1);
  });

  it('pays nothing when the carrier picks the parcel up before the promise', async () => {
    const { shopId, owner, orders } = await paidOrdersAt([9_900]);
    const { orderId } = orders[0]!;
    ctx.clock.advance(40 * HOUR);
    const shipmentId = await ship(owner, shopId, orderId);
    ctx.clock.advance(8 * HOUR - MINUTE);
    await track(owner, shipmentId, 'picked_up');
    expect((await deadlinesOf(ctx, SHIP_BY, orderId)).map((d) => d.status)).toEqual(['cancelled']);
    ctx.clock.advance(HOUR);
    await ctx.deadlines.runDue();
    expect(await compensationsOf(ctx, orderId)).toEqual([]);
    expect(await incidentKinds(ctx, orderId)).toEqual([]);
  });

  it('pays nothing for an order cancelled before the promise', async () => {
    const { orders } = await paidOrdersAt([9_900]);
    const { orderId } = orders[0]!;
    // as a full refund before shipment leaves it (after-sales cancels the order)
    await ctx.db.updateTable('orders').set({ state: 'cancelled' }).where('id', '=', orderId).execute();
    ctx.clock.advance(48 * HOUR);
    await ctx.deadlines.runDue();
    expect(await compensationsOf(ctx, orderId)).toEqual([]);
  });
});

describe('虚假发货: tracking never moves within 24 h of shipping', () => {
  it('pays 30% of the paid amount, at least ¥5 and at most ¥200, and records the incident', async () => {
    // ¥10 → 30% is ¥3: the ¥5 minimum; ¥99 → ¥29.70; ¥1,000 → ¥300: the ¥200 maximum
    const { shopId, owner, orders } = await paidOrdersAt([1_000, 9_900, 100_000]);
    for (const o of orders) await ship(owner, shopId, o.orderId);
    ctx.clock.advance(24 * HOUR - MINUTE);
    await ctx.deadlines.runDue();
    for (const o of orders) expect(await compensationsOf(ctx, o.orderId)).toEqual([]);

    ctx.clock.advance(MINUTE);
    await ctx.deadlines.runDue();
    expect(await Promise.all(orders.map((o) => amounts(o.orderId)))).toEqual([
      [['fake_shipment', 500]],
      [['fake_shipment', 2_970]],
      [['fake_shipment', 20_000]],
    ]);
    for (const o of orders) expect(await incidentKinds(ctx, o.orderId)).toEqual(['fake_shipment']);
    // the buyer sees it on the order's shipment
    const view = await f.buyerView(orders[1]!.buyer.token, orders[1]!.orderId);
    expect(view.body.incidents).toEqual([
      expect.objectContaining({ kind: 'fake_shipment', details: expect.stringContaining('never moved') }),
    ]);
    const [request] = await systemRequestsOf(ctx, orders[1]!.orderId);
    expect(request).toMatchObject({ autoRule: 'fake_shipment', approvedFen: 2_970, state: 'resolved' });
    expect(request!.events[0]!.explanationEn).toContain('never moved within 24 h');
  });

  it('pays nothing once the carrier has moved the parcel', async () => {
    const { shopId, owner, orders } = await paidOrdersAt([9_900]);
    const { orderId } = orders[0]!;
    const shipmentId = await ship(owner, shopId, orderId);
    ctx.clock.advance(23 * HOUR);
    await track(owner, shipmentId, 'picked_up');
    expect((await deadlinesOf(ctx, FAKE_SHIPMENT_CHECK, orderId)).map((d) => d.status)).toEqual([
      'cancelled',
    ]);
    ctx.clock.advance(2 * HOUR);
    await ctx.deadlines.runDue();
    expect(await compensationsOf(ctx, orderId)).toEqual([]);
  });
});

describe('物流停滞: no tracking update for 72 h', () => {
  it('restarts the watch on every carrier event and steps in when it runs out', async () => {
    const { shopId, owner, orders } = await paidOrdersAt([9_900]);
    const { orderId } = orders[0]!;
    const shipmentId = await ship(owner, shopId, orderId);
    ctx.clock.advance(HOUR);
    await track(owner, shipmentId, 'picked_up');
    ctx.clock.advance(10 * HOUR);
    await track(owner, shipmentId, 'in_transit');
    const lastEventAt = ctx.clock.now();
    expect(await deadlinesOf(ctx, LOGISTICS_STALL, orderId)).toEqual([
      { status: 'pending', dueAt: new Date(lastEventAt.getTime() + 72 * HOUR) },
    ]);

    ctx.clock.advance(72 * HOUR - MINUTE);
    await ctx.deadlines.runDue();
    expect(await compensationsOf(ctx, orderId)).toEqual([]);
    ctx.clock.advance(MINUTE);
    await ctx.deadlines.runDue();
    expect(await amounts(orderId)).toEqual([['logistics_stall', 990]]);
    expect(await incidentKinds(ctx, orderId)).toEqual(['tracking_stalled']);
    expect((await f.buyerView(orders[0]!.buyer.token, orderId)).body.incidents).toEqual([
      expect.objectContaining({ kind: 'tracking_stalled', promisedAt: null }),
    ]);
    const [request] = await systemRequestsOf(ctx, orderId);
    expect(request).toMatchObject({ autoRule: 'logistics_stall', approvedFen: 990 });
    expect(request!.events[0]!.explanationZh).toContain('72小时');
  });

  it('ends the watch on delivery', async () => {
    const { shopId, owner, orders } = await paidOrdersAt([9_900]);
    const { orderId } = orders[0]!;
    const shipmentId = await ship(owner, shopId, orderId);
    for (const event of ['picked_up', 'in_transit', 'delivered']) {
      ctx.clock.advance(HOUR);
      await track(owner, shipmentId, event);
    }
    expect((await deadlinesOf(ctx, LOGISTICS_STALL, orderId)).map((d) => d.status)).toEqual(['cancelled']);
    ctx.clock.advance(80 * HOUR);
    await ctx.deadlines.runDue();
    expect(await compensationsOf(ctx, orderId)).toEqual([]);
  });
});
