import { beforeAll, describe, expect, it } from 'vitest';
import type { TestUser } from '../../../test/builders.ts';
import { api, createTestContext, type TestContext, tableCounts } from '../../../test/harness.ts';
import { fulfilmentApi, paidOrderOfNewShop, waybill } from './fulfilment.test-support.ts';

let ctx: TestContext;
let f: ReturnType<typeof fulfilmentApi>;
let shop: { shopId: number; owner: TestUser; orderId: number; buyer: TestUser };
let shipmentId: number;
let shippedOrderId: number;
let trackerToken: string;
let receiver: TestUser;
beforeAll(async () => {
  ctx = await createTestContext();
  f = fulfilmentApi(ctx);
  shop = await paidOrderOfNewShop(ctx);
  const shipped = await paidOrderOfNewShop(ctx);
  shippedOrderId = shipped.orderId;
  const res = await f.ship(shipped.owner.token, shipped.shopId, shipped.orderId, {
    carrier: 'sandbox',
    trackingNumber: waybill(),
  });
  expect(res.status).toBe(201);
  shipmentId = res.body.shipment.id;
  trackerToken = shipped.owner.token;
  receiver = shipped.buyer;
});

type Call = () => Promise<{ status: number; body: any }>;

/** Each call answers `status` naming `field`, and nothing anywhere in the database changes. */
async function expectRefused(cases: [string, Call, number, string][]) {
  const before = await tableCounts(ctx.db);
  const answers: string[] = [];
  for (const [label, call, , field] of cases) {
    const res = await call();
    const fields: string[] = (res.body?.error?.details?.fields ?? []).map((x: any) => x.field);
    const named = fields.includes(field) ? field : `fields ${JSON.stringify(fields)}`;
    answers.push(`${label}: ${res.status} ${named}`);
  }
  expect(answers).toEqual(cases.map(([label, , status, field]) => `${label}: ${status} ${field}`));
  expect(await tableCounts(ctx.db)).toEqual(before);
}

describe('POST /shops/:id/orders/:orderId/shipment refuses bad input', () => {
  const ship =
    (body: object, orderId = shop.orderId) =>
    () =>
      f.ship(shop.owner.token, shop.shopId, orderId, body);

  it('names the field and writes nothing', async () => {
    const good = { carrier: 'sf', trackingNumber: waybill('SF') };
    await expectRefused([
      ['unknown carrier', ship({ ...good, carrier: 'dhl' }), 400, 'carrier'],
      ['carrier in capitals', ship({ ...good, carrier: 'SF' }), 400, 'carrier'],
      ['no carrier', ship({ trackingNumber: good.trackingNumber }), 400, 'carrier'],
      ['waybill too short', ship({ ...good, trackingNumber: 'SF12345' }), 400, 'trackingNumber'],
      ['waybill too long', ship({ ...good, trackingNumber: 'S'.repeat(31) }), 400, 'trackingNumber'],
      ['waybill with dashes', ship({ ...good, trackingNumber: 'SF-1234-5678' }), 400, 'trackingNumber'],
      ['waybill with spaces', ship({ ...good, trackingNumber: 'SF 12345678' }), 400, 'trackingNumber'],
      [
        'waybill in Chinese digits',
        ship({ ...good, trackingNumber: '顺丰一二三四五六七八' }),
        400,
        'trackingNumber',
      ],
      ['no waybill', ship({ carrier: 'sf' }), 400, 'trackingNumber'],
      ['extra field', ship({ ...good, shippedAt: '2026-01-01T00:00:00Z' }), 400, 'shippedAt'],
      [
        'order id not a number',
        () => api(ctx.app, shop.owner.token).post(`/api/v1/shops/${shop.shopId}/orders/abc/shipment`, good),
        400,
        'orderId',
      ],
      ['order id zero', ship(good, 0), 400, 'orderId'],
    ]);
  });
});

describe('POST /shipments/:id/sandbox-events refuses bad input', () => {
  const track =
    (body: object, id = shipmentId) =>
    () =>
      f.track(trackerToken, id, body);

  it('names the field and writes nothing', async () => {
    await expectRefused([
      ['unknown event', track({ event: 'teleported' }), 400, 'event'],
      ['created is not a carrier event', track({ event: 'created' }), 400, 'event'],
      ['no event', track({ location: '深圳' }), 400, 'event'],
      ['delivered before pickup', track({ event: 'delivered' }), 409, 'event'],
      ['in transit before pickup', track({ event: 'in_transit' }), 409, 'event'],
      ['lost before pickup', track({ event: 'lost' }), 409, 'event'],
      ['blank location', track({ event: 'picked_up', location: '   ' }), 400, 'location'],
      ['location too long', track({ event: 'picked_up', location: '仓'.repeat(101) }), 400, 'location'],
      ['extra field', track({ event: 'picked_up', at: '2026-01-01T00:00:00Z' }), 400, 'at'],
      ['shipment id not a number', track({ event: 'picked_up' }, Number.NaN), 400, 'id'],
    ]);
  });

  it('refuses an event out of order after the parcel has moved, and a repeated pickup', async () => {
    expect((await f.track(trackerToken, shipmentId, { event: 'picked_up' })).status).toBe(201);
    await expectRefused([
      ['picked up twice', track({ event: 'picked_up' }), 409, 'event'],
      ['delivered straight from pickup', track({ event: 'delivered' }), 409, 'event'],
    ]);
    const view = (await f.buyerView(receiver.token, shippedOrderId)).body;
    expect(view.orderState).toBe('shipped');
    expect(view.shipment.events.map((e: any) => e.event)).toEqual(['created', 'picked_up']);
  });
});

describe('POST /orders/:id/confirm-receipt refuses bad input', () => {
  it('names the field and writes nothing', async () => {
    const confirm = (id: string) => () =>
      api(ctx.app, receiver.token).post(`/api/v1/orders/${id}/confirm-receipt`);
    await expectRefused([
      ['id not a number', confirm('abc'), 400, 'id'],
      ['id zero', confirm('0'), 400, 'id'],
      ['id beyond the safe range', confirm('9007199254740993'), 400, 'id'],
    ]);
  });
});
