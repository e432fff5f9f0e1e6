import { beforeAll, describe, expect, it } from 'vitest';
import { buildListedProduct, buildShop, buildUser, type TestUser } from '../../../test/builders.ts';
import { api, createTestContext, type TestContext } from '../../../test/harness.ts';
import { MINUTE } from '../../platform/clock.ts';
import type { DeadlineRunner } from '../../platform/scheduler/index.ts';

let ctx: TestContext;
let runner: DeadlineRunner;
beforeAll(async () => {
  ctx = await createTestContext();
  runner = ctx.deadlines;
});

let keySeq = 0;
const key = () => `test-key-${++keySeq}-${Date.now()}`;
const checkout = (buyer: TestUser, body: object, idem = key()) =>
  api(ctx.app, buyer.token).post('/api/v1/checkout', body, { 'idempotency-key': idem });
const stockOf = async (skuId: number) =>
  (await ctx.db.selectFrom('skus').select('stock').where('id', '=', skuId).executeTakeFirstOrThrow()).stock;

describe('checkout', () => {
  it('splits a cart across shops into one order per shop, priced by the server', async () => {
    const a = await buildShop(ctx);
    const b = await buildShop(ctx);
    const pa = await buildListedProduct(ctx, a.shopId, { skus: [{ priceFen: 1_990, stock: 10 }] });
    const pb = await buildListedProduct(ctx, b.shopId, { skus: [{ priceFen: 35_000, stock: 5 }] });
    const buyer = await buildUser(ctx, 'buyer');
    const res = await checkout(buyer, {
      items: [
        { skuId: pa.skuIds[0], quantity: 3 },
        { skuId: pb.skuIds[0], quantity: 1 },
      ],
    });
    expect(res.status).toBe(201);
    expect(res.body.totalFen).toBe(3 * 1_990 + 35_000);
    expect(res.body.orders.map((o: any) => [o.shopId, o.totalFen]).sort()).toEqual(
      [
        [a.shopId, 5_970],
        [b.shopId, 35_000],
      ].sort(),
    );
    expect(await stockOf(pa.skuIds[0]!)).toBe(7);
    expect(await stockOf(pb.skuIds[0]!)).toBe(4);

    const mine = await api(ctx.app, buyer.token).get('/api/v1/orders');
    expect(mine.body.total).toBe(2);
    const detail = await api(ctx.app, buyer.token).get(`/api/v1/orders/${res.body.orders[0].id}`);
    expect(detail.body.timeline).toMatchObject([
      { fromState: null, toState: 'pending_payment', actorKind: 'buyer' },
    ]);
  });

  it('answers a replay with the first result and creates nothing new', async () => {
    const shop = await buildShop(ctx);
    const p = await buildListedProduct(ctx, shop.shopId, { skus: [{ priceFen: 100, stock: 10 }] });
    const buyer = await buildUser(ctx, 'buyer');
    const idem = key();
    const body = { items: [{ skuId: p.skuIds[0], quantity: 1 }] };
    const results = await Promise.all(Array.from({ length: 10 }, () => checkout(buyer, body, idem)));
    expect(results.map((r) => r.status)).toEqual(Array(10).fill(201));
    expect(new Set(results.map((r) => r.body.groupId)).size).toBe(1);
    expect(results.filter((r) => r.headers['idempotent-replayed'] === 'true')).toHaveLength(9);
    expect(await stockOf(p.skuIds[0]!)).toBe(9);
    const groups = await ctx.db
      .selectFrom('orderGroups')
      .select('id')
      .where('buyerId', '=', buyer.id)
      .execute();
    expect(groups).toHaveLength(1);

    const reused = await checkout(buyer, { items: [{ skuId: p.skuIds[0], quantity: 2 }] }, idem);
    expect(reused.status).toBe(422);
    expect(reused.body.error.code).toBe('idempotency_key_reused');
  });

  it('sells exactly the stock when many buyers race for a few units', async () => {
    const shop = await buildShop(ctx);
    const p = await buildListedProduct(ctx, shop.shopId, { skus: [{ priceFen: 9_900, stock: 25 }] });
    const buyers = await Promise.all(Array.from({ length: 60 }, () => buildUser(ctx, 'buyer')));
    const results = await Promise.all(
      buyers.map((b) => checkout(b, { items: [{ skuId: p.skuIds[0], quantity: 1 }] })),
    );
    const sold = results.filter((r) => r.status === 201).length;
    expect(sold).toBe(25);
    expect(results.filter((r) => r.status === 409).every((r) => r.body.error.code === 'out_of_stock')).toBe(
      true,
    );
    expect(await stockOf(p.skuIds[0]!)).toBe(0);
    const lines = await ctx.db
      .selectFrom('orderLines')
      .select((eb) => eb.fn.sum<number>('quantity').as('q'))
      .where('skuId', '=', p.skuIds[0]!)
      .executeTakeFirstOrThrow();
    expect(Number(lines.q)).toBe(25);
  });

  it('enforces the per-buyer purchase limit across orders, and frees it on cancellation', async () => {
    const shop = await buildShop(ctx);
    const p = await buildListedProduct(ctx, shop.shopId, {
      skus: [{ priceFen: 500, stock: 100, purchaseLimit: 2 }],
    });
    const buyer = await buildUser(ctx, 'buyer');
    const line = (quantity: number) => ({ items: [{ skuId: p.skuIds[0], quantity }] });
    const first = await checkout(buyer, line(2));
    expect(first.status).toBe(201);
    const second = await checkout(buyer, line(1));
    expect(second.status).toBe(409);
    expect(second.body.error.code).toBe('purchase_limit_exceeded');

    const cancel = await api(ctx.app, buyer.token).post(`/api/v1/orders/${first.body.orders[0].id}/cancel`);
    expect(cancel.status).toBe(200);
    expect(cancel.body.state).toBe('cancelled');
    expect(await stockOf(p.skuIds[0]!)).toBe(100);
    expect((await checkout(buyer, line(2))).status).toBe(201);
  });

  it('cancels unpaid orders after 15 minutes and puts the stock back', async () => {
    const shop = await buildShop(ctx);
    const p = await buildListedProduct(ctx, shop.shopId, { skus: [{ priceFen: 500, stock: 3 }] });
    const buyer = await buildUser(ctx, 'buyer');
    const res = await checkout(buyer, { items: [{ skuId: p.skuIds[0], quantity: 3 }] });
    expect(await stockOf(p.skuIds[0]!)).toBe(0);

    ctx.clock.advance(14 * MINUTE);
    await runner.runDue();
    const orderId = res.body.orders[0].id;
    expect((await api(ctx.app, buyer.token).get(`/api/v1/orders/${orderId}`)).body.state).toBe(
      'pending_payment',
    );

    ctx.clock.advance(2 * MINUTE);
    await runner.runDue();
    const after = await api(ctx.app, buyer.token).get(`/api/v1/orders/${orderId}`);
    expect(after.body.state).toBe('cancelled');
    expect(after.body.timeline.at(-1)).toMatchObject({ toState: 'cancelled', actorKind: 'system' });
    expect(await stockOf(p.skuIds[0]!)).toBe(3);
  });

  it('refuses bad carts with the field and reason, writing nothing', async () => {
    const shop = await buildShop(ctx);
    const p = await buildListedProduct(ctx, shop.shopId);
    await ctx.db.updateTable('products').set({ state: 'delisted' }).where('id', '=', p.productId).execute();
    const buyer = await buildUser(ctx, 'buyer');
    const cases: [object, number, string][] = [
      [{ items: [] }, 400, 'items'],
      [{ items: [{ skuId: 999_999, quantity: 1 }] }, 400, 'items[0].skuId'],
      [{ items: [{ skuId: p.skuIds[0], quantity: 0 }] }, 400, 'items.0.quantity'],
      [{ items: [{ skuId: p.skuIds[0], quantity: 'two' }] }, 400, 'items.0.quantity'],
      [{ items: [{ skuId: p.skuIds[0], quantity: 1 }] }, 409, 'items[0].skuId'],
    ];
    for (const [body, status, field] of cases) {
      const res = await checkout(buyer, body);
      expect(res.status, JSON.stringify(body)).toBe(status);
      expect(res.body.error.details.fields.map((f: any) => f.field)).toContain(field);
    }
    const missingKey = await api(ctx.app, buyer.token).post('/api/v1/checkout', {
      items: [{ skuId: p.skuIds[0], quantity: 1 }],
    });
    expect(missingKey.status).toBe(400);
    expect(missingKey.body.error.details.fields[0].field).toBe('idempotency-key');
    const orders = await ctx.db.selectFrom('orders').select('id').where('buyerId', '=', buyer.id).execute();
    expect(orders).toHaveLength(0);
  });

  it('lets merchants see only their own shop orders', async () => {
    const a = await buildShop(ctx);
    const b = await buildShop(ctx);
    const p = await buildListedProduct(ctx, a.shopId);
    const buyer = await buildUser(ctx, 'buyer');
    const res = await checkout(buyer, { items: [{ skuId: p.skuIds[0], quantity: 1 }] });
    const orderId = res.body.orders[0].id;
    expect(
      (await api(ctx.app, a.owner.token).get(`/api/v1/shops/${a.shopId}/orders/${orderId}`)).status,
    ).toBe(200);
    expect(
      (await api(ctx.app, b.owner.token).get(`/api/v1/shops/${a.shopId}/orders/${orderId}`)).status,
    ).toBe(404);
    expect(
      (await api(ctx.app, b.owner.token).get(`/api/v1/shops/${b.shopId}/orders/${orderId}`)).status,
    ).toBe(404);
    const other = await buildUser(ctx, 'buyer');
    expect((await api(ctx.app, other.token).get(`/api/v1/orders/${orderId}`)).status).toBe(404);
  });
});
