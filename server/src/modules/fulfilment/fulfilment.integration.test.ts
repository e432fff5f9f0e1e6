import { beforeAll, describe, expect, it } from 'vitest';
import {
  buildListedProduct,
  buildOps,
  buildPaidOrder,
  buildStaff,
  buildUser,
} from '../../../test/builders.ts';
import { api, createTestContext, type TestContext } from '../../../test/harness.ts';
import { DAY, HOUR, MINUTE } from '../../platform/clock.ts';
import type { DeadlineRunner } from '../../platform/scheduler/index.ts';
import { deadlinesOf, fulfilmentApi, paidOrderOfNewShop, waybill } from './fulfilment.test-support.ts';
import { AUTO_CONFIRM, SETTLE_ORDER, SHIP_BY } from './index.ts';

let ctx: TestContext;
let runner: DeadlineRunner;
let f: ReturnType<typeof fulfilmentApi>;
beforeAll(async () => {
  ctx = await createTestContext();
  runner = ctx.deadlines;
  f = fulfilmentApi(ctx);
});

const iso = (d: Date) => d.toISOString();
const orderTimeline = async (token: string, orderId: number) =>
  (await api(ctx.app, token).get(`/api/v1/orders/${orderId}`)).body.timeline.map(
    (e: any) => `${e.toState} by ${e.actorKind}`,
  );

describe('fulfilment journey', () => {
  it('ships, tracks to delivery and auto-confirms receipt 10 days later, then schedules settlement', async () => {
    const { shopId, orderId, buyer } = await paidOrderOfNewShop(ctx);
    const staff = await buildStaff(ctx, shopId);
    const paidAt = ctx.clock.now();

    const queue = await f.toShip(staff.token, shopId);
    expect(queue.status).toBe(200);
    expect(queue.body.items).toEqual([
      expect.objectContaining({ orderId, remainingMs: 48 * HOUR, overdue: false, buyerId: buyer.id }),
    ]);

    ctx.clock.advance(3 * HOUR);
    const shippedAt = ctx.clock.now();
    const number = waybill();
    const shipped = await f.ship(staff.token, shopId, orderId, {
      carrier: 'sandbox',
      trackingNumber: number,
    });
    expect(shipped.status, JSON.stringify(shipped.body)).toBe(201);
    expect(shipped.body).toMatchObject({
      orderId,
      orderState: 'shipped',
      paidAt: iso(paidAt),
      shipByAt: iso(new Date(paidAt.getTime() + 48 * HOUR)),
      shippedAt: iso(shippedAt),
      shipment: {
        carrier: 'sandbox',
        trackingNumber: number,
        status: 'created',
        events: [{ event: 'created' }],
      },
      incidents: [],
    });
    const shipmentId = shipped.body.shipment.id;
    // The promise is kept by the carrier's pickup (晚发立赔 extended to pickup), not by the waybill.
    expect((await deadlinesOf(ctx, SHIP_BY, orderId)).map((d) => d.status)).toEqual(['pending']);
    expect((await f.toShip(staff.token, shopId)).body.items).toEqual([]);

    const steps: [string, string | undefined][] = [
      ['picked_up', '深圳南山'],
      ['in_transit', '广州转运中心'],
      ['in_transit', '上海转运中心'],
      ['delivered', '上海浦东'],
    ];
    for (const [event, location] of steps) {
      ctx.clock.advance(6 * HOUR);
      const res = await f.track(staff.token, shipmentId, { event, location });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      if (event === 'picked_up')
        expect((await deadlinesOf(ctx, SHIP_BY, orderId)).map((d) => d.status)).toEqual(['cancelled']);
    }
    const deliveredAt = ctx.clock.now();
    const seen = await f.buyerView(buyer.token, orderId);
    expect(seen.status).toBe(200);
    expect(seen.body).toMatchObject({
      orderState: 'delivered',
      deliveredAt: iso(deliveredAt),
      autoConfirmAt: iso(new Date(deliveredAt.getTime() + 10 * DAY)),
    });
    expect(seen.body.shipment.status).toBe('delivered');
    expect(seen.body.shipment.events.map((e: any) => `${e.event}@${e.location ?? '-'}`)).toEqual([
      'created@-',
      'picked_up@深圳南山',
      'in_transit@广州转运中心',
      'in_transit@上海转运中心',
      'delivered@上海浦东',
    ]);
    expect(seen.body.shipment.events.at(-1).at).toBe(iso(deliveredAt));

    ctx.clock.advance(10 * DAY - MINUTE);
    await runner.runDue();
    expect((await f.buyerView(buyer.token, orderId)).body.orderState).toBe('delivered');

    ctx.clock.advance(MINUTE);
    await runner.runDue();
    const done = await f.buyerView(buyer.token, orderId);
    expect(done.body).toMatchObject({
      orderState: 'completed',
      completedAt: iso(ctx.clock.now()),
      autoConfirmAt: null,
    });
    expect(await orderTimeline(buyer.token, orderId)).toEqual([
      'pending_payment by buyer',
      'paid by provider',
      'shipped by merchant',
      'delivered by carrier',
      'completed by system',
    ]);
    expect(await deadlinesOf(ctx, AUTO_CONFIRM, orderId)).toEqual([
      { status: 'done', dueAt: new Date(deliveredAt.getTime() + 10 * DAY) },
    ]);
    expect(await deadlinesOf(ctx, SETTLE_ORDER, orderId)).toEqual([
      { status: 'pending', dueAt: new Date(ctx.clock.now().getTime() + ctx.settings.settlementDelayMs) },
    ]);
  });

  it('lets the buyer confirm receipt before delivery; a later delivery scan changes nothing', async () => {
    const { shopId, owner, orderId, buyer } = await paidOrderOfNewShop(ctx);
    const shipped = await f.ship(owner.token, shopId, orderId, {
      carrier: 'sandbox',
      trackingNumber: waybill(),
    });
    const shipmentId = shipped.body.shipment.id;
    expect((await f.track(owner.token, shipmentId, { event: 'picked_up' })).status).toBe(201);

    ctx.clock.advance(DAY);
    const confirmed = await f.confirm(buyer.token, orderId);
    expect(confirmed.status, JSON.stringify(confirmed.body)).toBe(200);
    expect(confirmed.body).toMatchObject({ orderState: 'completed', completedAt: iso(ctx.clock.now()) });
    expect((await orderTimeline(buyer.token, orderId)).at(-1)).toBe('completed by buyer');
    expect(await deadlinesOf(ctx, SETTLE_ORDER, orderId)).toEqual([
      { status: 'pending', dueAt: new Date(ctx.clock.now().getTime() + ctx.settings.settlementDelayMs) },
    ]);

    expect((await f.track(owner.token, shipmentId, { event: 'in_transit' })).status).toBe(201);
    const delivered = await f.track(owner.token, shipmentId, { event: 'delivered' });
    expect(delivered.status).toBe(201);
    expect(delivered.body).toMatchObject({ orderState: 'completed', deliveredAt: null });
    expect(delivered.body.shipment.status).toBe('delivered');
    expect(await deadlinesOf(ctx, AUTO_CONFIRM, orderId)).toEqual([]);

    const again = await f.confirm(buyer.token, orderId);
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('invalid_transition');
  });

  it('confirms a delivered order at once and drops its auto-confirm deadline', async () => {
    const { shopId, owner, orderId, buyer } = await paidOrderOfNewShop(ctx);
    const shipped = await f.ship(owner.token, shopId, orderId, {
      carrier: 'sandbox',
      trackingNumber: waybill(),
    });
    for (const event of ['picked_up', 'in_transit', 'delivered']) {
      await f.track(owner.token, shipped.body.shipment.id, { event });
    }
    expect((await f.confirm(buyer.token, orderId)).body.orderState).toBe('completed');
    expect((await deadlinesOf(ctx, AUTO_CONFIRM, orderId)).map((d) => d.status)).toEqual(['cancelled']);
  });

  it('refuses receipt of an order that has not shipped', async () => {
    const { orderId, buyer } = await paidOrderOfNewShop(ctx);
    const res = await f.confirm(buyer.token, orderId);
    expect(res.status).toBe(409);
    expect(res.body.error).toMatchObject({ code: 'invalid_transition', details: { from: 'paid' } });
    expect((await f.buyerView(buyer.token, orderId)).body.orderState).toBe('paid');
  });

  it('records a lost parcel for after-sales and keeps the order shipped', async () => {
    const { shopId, owner, orderId, buyer } = await paidOrderOfNewShop(ctx);
    const shipped = await f.ship(owner.token, shopId, orderId, {
      carrier: 'sandbox',
      trackingNumber: waybill(),
    });
    const shipmentId = shipped.body.shipment.id;
    await f.track(owner.token, shipmentId, { event: 'picked_up' });
    const lost = await f.track(owner.token, shipmentId, { event: 'lost', location: '杭州转运中心' });
    expect(lost.status).toBe(201);
    const view = (await f.buyerView(buyer.token, orderId)).body;
    expect(view.orderState).toBe('shipped');
    expect(view.shipment.status).toBe('lost');
    expect(view.incidents).toEqual([
      expect.objectContaining({ kind: 'parcel_lost', promisedAt: null, at: iso(ctx.clock.now()) }),
    ]);
    const after = await f.track(owner.token, shipmentId, { event: 'delivered' });
    expect(after.status).toBe(409);
    expect(after.body.error.details.fields).toEqual([
      { field: 'event', reason: expect.stringContaining('lost') },
    ]);
  });
});

describe('ship-by promise', () => {
  it('records a missed promise at 48 h, visible to buyer and shop, and counts down in the to-ship list', async () => {
    const { shopId, owner, orderId, buyer } = await paidOrderOfNewShop(ctx);
    const shipByAt = new Date(ctx.clock.now().getTime() + 48 * HOUR);

    ctx.clock.advance(48 * HOUR - MINUTE);
    await runner.runDue();
    expect((await f.buyerView(buyer.token, orderId)).body.incidents).toEqual([]);
    expect((await f.toShip(owner.token, shopId)).body.items[0]).toMatchObject({
      orderId,
      remainingMs: MINUTE,
      overdue: false,
    });

    ctx.clock.advance(MINUTE);
    await runner.runDue();
    const missed = { kind: 'ship_by_missed', promisedAt: iso(shipByAt), at: iso(ctx.clock.now()) };
    expect((await f.buyerView(buyer.token, orderId)).body.incidents).toEqual([
      expect.objectContaining(missed),
    ]);
    expect((await f.shopView(owner.token, shopId, orderId)).body.incidents).toEqual([
      expect.objectContaining(missed),
    ]);
    ctx.clock.advance(HOUR);
    expect((await f.toShip(owner.token, shopId)).body.items[0]).toMatchObject({
      orderId,
      shipByAt: iso(shipByAt),
      remainingMs: -HOUR,
      overdue: true,
    });

    // Late shipping is still shipping; the broken promise stays on record.
    const late = await f.ship(owner.token, shopId, orderId, {
      carrier: 'zto',
      trackingNumber: waybill('ZT'),
    });
    expect(late.status).toBe(201);
    expect(late.body.incidents).toEqual([expect.objectContaining(missed)]);
  });

  it('records nothing when the carrier picks the order up in time', async () => {
    const { shopId, owner, orderId, buyer } = await paidOrderOfNewShop(ctx);
    ctx.clock.advance(47 * HOUR);
    const shipped = await f.ship(owner.token, shopId, orderId, {
      carrier: 'sandbox',
      trackingNumber: waybill(),
    });
    expect(shipped.status).toBe(201);
    ctx.clock.advance(HOUR - MINUTE);
    expect((await f.track(owner.token, shipped.body.shipment.id, { event: 'picked_up' })).status).toBe(201);
    ctx.clock.advance(2 * HOUR);
    await runner.runDue();
    expect((await f.buyerView(buyer.token, orderId)).body.incidents).toEqual([]);
    const count = await ctx.db
      .selectFrom('fulfilmentIncidents')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('orderId', '=', orderId)
      .executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(0);
  });

  it('records a missed promise when the order shipped in time but no carrier picked it up', async () => {
    const { shopId, owner, orderId, buyer } = await paidOrderOfNewShop(ctx);
    const shipByAt = new Date(ctx.clock.now().getTime() + 48 * HOUR);
    ctx.clock.advance(47 * HOUR);
    expect(
      (await f.ship(owner.token, shopId, orderId, { carrier: 'sf', trackingNumber: waybill('SF') })).status,
    ).toBe(201);
    ctx.clock.advance(HOUR);
    await runner.runDue();
    expect((await f.buyerView(buyer.token, orderId)).body.incidents).toEqual([
      expect.objectContaining({
        kind: 'ship_by_missed',
        promisedAt: iso(shipByAt),
        details: expect.stringContaining('not picked up'),
      }),
    ]);
  });

  it('lists paid orders by the most urgent promise first', async () => {
    const { shopId, owner, orderId: first } = await paidOrderOfNewShop(ctx);
    ctx.clock.advance(HOUR);
    const second = (await buildPaidOrder(ctx, { shopId })).orderId;
    ctx.clock.advance(HOUR);
    const third = (await buildPaidOrder(ctx, { shopId })).orderId;
    await f.ship(owner.token, shopId, second, { carrier: 'jd', trackingNumber: waybill('JD') });
    const list = (await f.toShip(owner.token, shopId)).body;
    expect(list.total).toBe(2);
    expect(list.items.map((i: any) => [i.orderId, i.remainingMs])).toEqual([
      [first, 46 * HOUR],
      [third, 48 * HOUR],
    ]);
  });
});

describe('shipping refusals', () => {
  it('refuses a second shipment of one order and a waybill already used (409)', async () => {
    const { shopId, owner, orderId } = await paidOrderOfNewShop(ctx);
    const number = waybill('YT');
    expect(
      (await f.ship(owner.token, shopId, orderId, { carrier: 'yto', trackingNumber: number })).status,
    ).toBe(201);
    const second = await f.ship(owner.token, shopId, orderId, {
      carrier: 'yto',
      trackingNumber: waybill('YT'),
    });
    expect(second.status).toBe(409);
    expect(second.body.error.code).toBe('already_exists');

    const other = await paidOrderOfNewShop(ctx);
    const reused = await f.ship(other.owner.token, other.shopId, other.orderId, {
      carrier: 'yto',
      trackingNumber: number.toLowerCase(),
    });
    expect(reused.status).toBe(409);
    expect(reused.body.error.details.fields).toEqual([
      { field: 'trackingNumber', reason: expect.any(String) },
    ]);
    expect((await f.shopView(other.owner.token, other.shopId, other.orderId)).body.orderState).toBe('paid');
    expect(await deadlinesOf(ctx, SHIP_BY, other.orderId)).toEqual([
      expect.objectContaining({ status: 'pending' }),
    ]);
  });

  it('refuses to ship an unpaid or a cancelled order (409)', async () => {
    const { shopId, owner } = await paidOrderOfNewShop(ctx);
    const skuId = (await buildListedProduct(ctx, shopId)).skuIds[0]!;
    const buyer = await buildUser(ctx, 'buyer');
    const orderIds: number[] = [];
    for (const n of [1, 2]) {
      const res = await api(ctx.app, buyer.token).post(
        '/api/v1/checkout',
        { items: [{ skuId, quantity: 1 }] },
        { 'idempotency-key': `fulfilment-unpaid-${n}-${waybill()}` },
      );
      expect(res.status).toBe(201);
      orderIds.push(res.body.orders[0].id);
    }
    const [unpaid, cancelled] = orderIds as [number, number];
    expect((await api(ctx.app, buyer.token).post(`/api/v1/orders/${cancelled}/cancel`)).status).toBe(200);

    for (const [orderId, state] of [
      [unpaid, 'pending_payment'],
      [cancelled, 'cancelled'],
    ] as const) {
      const res = await f.ship(owner.token, shopId, orderId, {
        carrier: 'sf',
        trackingNumber: waybill('SF'),
      });
      expect(res.status).toBe(409);
      expect(res.body.error).toMatchObject({
        code: 'invalid_transition',
        details: { from: state, to: 'shipped' },
      });
      expect((await f.shopView(owner.token, shopId, orderId)).body).toMatchObject({
        orderState: state,
        shipment: null,
      });
    }
  });

  it('takes posted tracking events only for sandbox shipments', async () => {
    const { shopId, owner, orderId } = await paidOrderOfNewShop(ctx);
    const shipped = await f.ship(owner.token, shopId, orderId, {
      carrier: 'ems',
      trackingNumber: waybill('EM'),
    });
    const res = await f.track(owner.token, shipped.body.shipment.id, { event: 'picked_up' });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('conflict');
    expect((await f.shopView(owner.token, shopId, orderId)).body.shipment.events).toHaveLength(1);
  });
});

describe('tenancy', () => {
  it("answers 404 for another tenant's order or shipment, and lets an ops super admin drive the sandbox", async () => {
    const a = await paidOrderOfNewShop(ctx);
    const b = await paidOrderOfNewShop(ctx);
    const body = { carrier: 'sandbox', trackingNumber: waybill() };

    const intrusions = [
      await f.ship(b.owner.token, a.shopId, a.orderId, body),
      await f.ship(b.owner.token, b.shopId, a.orderId, body),
      await f.shopView(b.owner.token, a.shopId, a.orderId),
      await f.shopView(b.owner.token, b.shopId, a.orderId),
      await f.toShip(b.owner.token, a.shopId),
      await f.buyerView(b.buyer.token, a.orderId),
      await f.confirm(b.buyer.token, a.orderId),
    ];
    expect(intrusions.map((r) => r.status)).toEqual(intrusions.map(() => 404));

    const shipped = await f.ship(a.owner.token, a.shopId, a.orderId, body);
    expect(shipped.status).toBe(201);
    const shipmentId = shipped.body.shipment.id;
    const foreign = await f.track(b.owner.token, shipmentId, { event: 'picked_up' });
    expect(foreign.status).toBe(404);
    expect(foreign.body.error.message).toBe(`shipment ${shipmentId} not found`);
    expect((await f.confirm(b.buyer.token, a.orderId)).status).toBe(404);

    const reviewer = await buildOps(ctx, ['reviewer']);
    expect((await f.track(reviewer.token, shipmentId, { event: 'picked_up' })).status).toBe(403);
    const admin = await buildOps(ctx);
    const byOps = await f.track(admin.token, shipmentId, { event: 'picked_up' });
    expect(byOps.status).toBe(201);
    expect(byOps.body.shipment.events.map((e: any) => e.event)).toEqual(['created', 'picked_up']);
  });
});
