import { beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../test/harness.ts';
import { DAY } from '../../platform/clock.ts';
import type { DeadlineRunner } from '../../platform/scheduler/index.ts';
import { deadlinesOf, fulfilmentApi, paidOrderOfNewShop, waybill } from './fulfilment.test-support.ts';
import { SETTLE_ORDER, SHIP_BY } from './index.ts';

let ctx: TestContext;
let runner: DeadlineRunner;
let f: ReturnType<typeof fulfilmentApi>;
beforeAll(async () => {
  ctx = await createTestContext();
  runner = ctx.deadlines;
  f = fulfilmentApi(ctx);
});

const shipmentsOf = (orderId: number) =>
  ctx.db.selectFrom('shipments').select('id').where('orderId', '=', orderId).execute();

describe('fulfilment under concurrency', () => {
  it('ships an order once when the shop taps "ship" many times at once', async () => {
    const { shopId, owner, orderId } = await paidOrderOfNewShop(ctx);
    const answers = await Promise.all(
      Array.from({ length: 6 }, () =>
        f.ship(owner.token, shopId, orderId, { carrier: 'sandbox', trackingNumber: waybill() }),
      ),
    );
    expect(answers.map((a) => a.status).sort()).toEqual([201, 409, 409, 409, 409, 409]);
    expect(await shipmentsOf(orderId)).toHaveLength(1);
    // Shipping keeps the promise pending until a carrier picks the parcel up.
    expect((await deadlinesOf(ctx, SHIP_BY, orderId)).map((d) => d.status)).toEqual(['pending']);
  });

  it('gives one waybill to one order when two orders race for it', async () => {
    const a = await paidOrderOfNewShop(ctx);
    const b = await paidOrderOfNewShop(ctx);
    const number = waybill();
    const answers = await Promise.all([
      f.ship(a.owner.token, a.shopId, a.orderId, { carrier: 'sto', trackingNumber: number }),
      f.ship(b.owner.token, b.shopId, b.orderId, { carrier: 'sto', trackingNumber: number }),
    ]);
    expect(answers.map((r) => r.status).sort()).toEqual([201, 409]);
    const loser = answers.find((r) => r.status === 409)!;
    expect(loser.body.error.details.fields[0].field).toBe('trackingNumber');
    expect((await shipmentsOf(a.orderId)).length + (await shipmentsOf(b.orderId)).length).toBe(1);
  });

  it('completes a delivered order once when the buyer confirms as auto-confirm fires', async () => {
    const rounds = 10;
    const orders = [];
    for (let i = 0; i < rounds; i++) {
      const o = await paidOrderOfNewShop(ctx);
      const shipped = await f.ship(o.owner.token, o.shopId, o.orderId, {
        carrier: 'sandbox',
        trackingNumber: waybill(),
      });
      for (const event of ['picked_up', 'in_transit', 'delivered']) {
        expect((await f.track(o.owner.token, shipped.body.shipment.id, { event })).status).toBe(201);
      }
      orders.push(o);
    }
    ctx.clock.advance(10 * DAY);
    const [, ...confirms] = await Promise.all([
      runner.runDue(),
      ...orders.map((o) => f.confirm(o.buyer.token, o.orderId)),
    ]);
    // Whoever came second finds the order completed: 409, never a deadlock or a 500.
    for (const res of confirms) expect([200, 409]).toContain(res.status);
    for (const o of orders) {
      const view = (await f.buyerView(o.buyer.token, o.orderId)).body;
      expect(view.orderState).toBe('completed');
      const completions = await ctx.db
        .selectFrom('orderEvents')
        .select('actorKind')
        .where('orderId', '=', o.orderId)
        .where('toState', '=', 'completed')
        .execute();
      expect(completions).toHaveLength(1);
      expect(await deadlinesOf(ctx, SETTLE_ORDER, o.orderId)).toEqual([
        {
          status: 'pending',
          dueAt: new Date(new Date(view.completedAt).getTime() + ctx.settings.settlementDelayMs),
        },
      ]);
    }
  });
});
