import { beforeAll, describe, expect, it } from 'vitest';
import {
  buildListedProduct,
  buildPaidOrder,
  buildShop,
  buildUser,
  type TestUser,
} from '../../../test/builders.ts';
import { api, createTestContext, type TestContext } from '../../../test/harness.ts';
import { aftersalesRig, guaranteedProduct } from '../aftersales/aftersales.test-support.ts';

let ctx: TestContext;
let buyer: TestUser;
let shop: { shopId: number; owner: TestUser };
let paid: { orderId: number };
let unpaidOrderId: number;

beforeAll(async () => {
  ctx = await createTestContext();
  buyer = await buildUser(ctx, 'buyer');
  shop = await buildShop(ctx);
  const { productId, skuIds } = await buildListedProduct(ctx, shop.shopId, {
    title: '降噪耳机 Pro',
    skus: [{ priceFen: 249_900, stock: 100 }],
  });
  await ctx.db
    .updateTable('products')
    .set({ imageUrl: '/images/headphones.webp' })
    .where('id', '=', productId)
    .execute();
  paid = await buildPaidOrder(ctx, { buyer, shopId: shop.shopId, skuId: skuIds[0]!, quantity: 2 });
  const unpaid = await api(ctx.app, buyer.token).post(
    '/api/v1/checkout',
    { items: [{ skuId: skuIds[0]!, quantity: 1 }] },
    { 'idempotency-key': `buyer-orders-${process.pid}-unpaid` },
  );
  expect(unpaid.status, JSON.stringify(unpaid.body)).toBe(201);
  unpaidOrderId = unpaid.body.orders[0].id;
});

const list = (query = '') => api(ctx.app, buyer.token).get(`/api/v1/orders?limit=20${query}`);

describe("GET /orders: the buyer's order cards", () => {
  it('each order carries its shop and its items with image, spec and quantity', async () => {
    const res = await list();
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const card = res.body.items.find((o: any) => o.id === paid.orderId);
    const shopName = (
      await ctx.db.selectFrom('shops').select('name').where('id', '=', shop.shopId).executeTakeFirstOrThrow()
    ).name;
    expect(card.shopName).toBe(shopName);
    expect(card.lines).toEqual([
      expect.objectContaining({
        title: '降噪耳机 Pro',
        quantity: 2,
        unitPriceFen: 249_900,
        imageUrl: '/images/headphones.webp',
      }),
    ]);
    expect(typeof card.lines[0].spec).toBe('string');
  });

  it.each([
    ['to_pay', () => [unpaidOrderId]],
    ['to_ship', () => [paid.orderId]],
    ['to_receive', () => []],
    ['to_review', () => []],
  ])('the %s tab holds the orders buyers expect there', async (stage, ids) => {
    const res = await list(`&stage=${stage}`);
    expect(res.status).toBe(200);
    expect(res.body.items.map((o: any) => o.id)).toEqual(ids());
    expect(res.body.total).toBe(ids().length);
  });

  it('refuses an unknown tab, naming the field', async () => {
    const res = await list('&stage=paid');
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.body)).toContain('stage');
  });
});

describe('the to_review tab: completed orders with an item still to review', () => {
  it('holds a completed order until each of its items is reviewed', async () => {
    const rig = aftersalesRig(ctx);
    const product = await guaranteedProduct(ctx);
    const reviewer = await buildUser(ctx, 'buyer');
    const done = async () => {
      const order = await rig.deliveredOrder(product, reviewer);
      const res = await rig.as(reviewer).post(`/api/v1/orders/${order.orderId}/confirm-receipt`, {});
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      return order;
    };
    const reviewed = await done();
    const waiting = await done();
    const review = await rig.as(reviewer).post(`/api/v1/orders/${reviewed.orderId}/reviews`, {
      orderLineId: reviewed.lineId,
      rating: 5,
      text: '很好用，包装完好，发货也快',
      evidenceFileIds: [],
    });
    expect(review.status, JSON.stringify(review.body)).toBe(201);

    const res = await api(ctx.app, reviewer.token).get('/api/v1/orders?stage=to_review');
    expect(res.status).toBe(200);
    expect(res.body.items.map((o: any) => o.id)).toEqual([waiting.orderId]);
    expect(res.body.total).toBe(1);
  });

  it('shows on the card only the items still to review', async () => {
    const rig = aftersalesRig(ctx);
    const first = await guaranteedProduct(ctx);
    const second = await guaranteedProduct(ctx, { shop: first });
    const reviewer = await buildUser(ctx, 'buyer');
    const placed = await rig.as(reviewer).post(
      '/api/v1/checkout',
      {
        items: [
          { skuId: first.skuId, quantity: 1 },
          { skuId: second.skuId, quantity: 1 },
        ],
        pay: { method: 'sandbox' },
      },
      { 'idempotency-key': `to-review-${reviewer.id}` },
    );
    expect(placed.status, JSON.stringify(placed.body)).toBe(201);
    const orderId: number = placed.body.orders[0].id;
    const shipmentId = await rig.ship(first.owner, first.shopId, orderId);
    for (const event of ['picked_up', 'in_transit', 'delivered']) {
      const res = await rig.as(first.owner).post(`/api/v1/shipments/${shipmentId}/sandbox-events`, { event });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
    }
    const received = await rig.as(reviewer).post(`/api/v1/orders/${orderId}/confirm-receipt`, {});
    expect(received.status, JSON.stringify(received.body)).toBe(200);
    const lines = await ctx.db
      .selectFrom('orderLines')
      .select(['id', 'productId'])
      .where('orderId', '=', orderId)
      .orderBy('id')
      .execute();
    expect(lines).toHaveLength(2);
    const review = await rig.as(reviewer).post(`/api/v1/orders/${orderId}/reviews`, {
      orderLineId: lines[0]!.id,
      rating: 5,
      text: '很好用，包装完好，发货也快',
      evidenceFileIds: [],
    });
    expect(review.status, JSON.stringify(review.body)).toBe(201);

    const toReview = await api(ctx.app, reviewer.token).get('/api/v1/orders?stage=to_review');
    expect(toReview.body.items.map((o: any) => o.id)).toEqual([orderId]);
    expect(toReview.body.items[0].lines.map((l: any) => l.id)).toEqual([lines[1]!.id]);
    // the order itself still has both items everywhere else
    const all = await api(ctx.app, reviewer.token).get('/api/v1/orders');
    expect(all.body.items[0].lines.map((l: any) => l.id)).toEqual(lines.map((l) => l.id));
  });
});
