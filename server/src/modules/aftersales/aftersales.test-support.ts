import { randomBytes } from 'node:crypto';
import { expect } from 'vitest';
import {
  buildCategory,
  buildListedProduct,
  buildPaidOrder,
  buildShop,
  type TestUser,
} from '../../../test/builders.ts';
import { api, type TestContext } from '../../../test/harness.ts';

const V = '/api/v1';
let seq = 0;
export const idemKey = () => `as-test-${process.pid}-${++seq}-${randomBytes(3).toString('hex')}`;
export const waybill = () => `RT${randomBytes(6).toString('hex').toUpperCase()}`;

/** A 1×1 PNG: the smallest image the evidence upload accepts. */
export const PNG = Buffer.from(
  '89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082',
  'hex',
);

export interface ShopSetup {
  shopId: number;
  owner: TestUser;
  categoryId: number;
}

/** A shop in a fresh category with the given traits, and one product with the given guarantees. */
export async function guaranteedProduct(
  ctx: TestContext,
  opts: {
    priceFen?: number;
    guarantees?: string[];
    category?: Parameters<typeof buildCategory>[1];
    shop?: ShopSetup;
  } = {},
): Promise<ShopSetup & { skuId: number; productId: number }> {
  const shop =
    opts.shop ??
    (await (async () => {
      const { id: categoryId } = await buildCategory(ctx, { depositFen: 0, ...(opts.category ?? {}) });
      const built = await buildShop(ctx, { categoryId });
      return { ...built, categoryId };
    })());
  const { productId, skuIds } = await buildListedProduct(ctx, shop.shopId, {
    skus: [{ priceFen: opts.priceFen ?? 9_900, stock: 100 }],
  });
  if (opts.guarantees)
    await ctx.db
      .updateTable('products')
      .set({ guarantees: opts.guarantees })
      .where('id', '=', productId)
      .execute();
  return { ...shop, productId, skuId: skuIds[0]! };
}

/** After-sales calls as the buyer app, the merchant console and the ops console make them. */
export function aftersalesRig(ctx: TestContext) {
  const as = (user: TestUser) => api(ctx.app, user.token);

  async function paidOrder(product: { shopId: number; skuId: number }, buyer?: TestUser, quantity = 1) {
    const order = await buildPaidOrder(ctx, {
      shopId: product.shopId,
      skuId: product.skuId,
      buyer,
      quantity,
    });
    const line = await ctx.db
      .selectFrom('orderLines')
      .select(['id', 'lineFen', 'guarantees'])
      .where('orderId', '=', order.orderId)
      .executeTakeFirstOrThrow();
    return { ...order, lineId: line.id, lineFen: line.lineFen, guarantees: line.guarantees };
  }

  /** Shipped by the owner with the sandbox carrier. */
  async function ship(owner: TestUser, shopId: number, orderId: number) {
    const res = await as(owner).post(`${V}/shops/${shopId}/orders/${orderId}/shipment`, {
      carrier: 'sandbox',
      trackingNumber: waybill(),
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body.shipment?.id ?? res.body.id;
  }

  /** Shipped, picked up, delivered: the order is delivered now. */
  async function deliveredOrder(product: ShopSetup & { skuId: number }, buyer?: TestUser, quantity = 1) {
    const order = await paidOrder(product, buyer, quantity);
    await ship(product.owner, product.shopId, order.orderId);
    const shipment = await ctx.db
      .selectFrom('shipments')
      .select('id')
      .where('orderId', '=', order.orderId)
      .executeTakeFirstOrThrow();
    for (const event of ['picked_up', 'in_transit', 'delivered']) {
      const res = await as(product.owner).post(`${V}/shipments/${shipment.id}/sandbox-events`, { event });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
    }
    return order;
  }

  /** A delivered order of `product` and a request opened on its line (one unit unless `body` says). */
  async function openedOnDelivered(product: ShopSetup & { skuId: number }, body: Record<string, unknown>) {
    const order = await deliveredOrder(product);
    const res = await as(order.buyer).post(
      `${V}/aftersales/requests`,
      { orderId: order.orderId, orderLineId: order.lineId, quantity: 1, ...body },
      { 'idempotency-key': idemKey() },
    );
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return { order, id: res.body.id as number, body: res.body };
  }

  return {
    as,
    paidOrder,
    ship,
    deliveredOrder,
    openedOnDelivered,
    open: (buyer: TestUser, body: object, key = idemKey()) =>
      as(buyer).post(`${V}/aftersales/requests`, body, { 'idempotency-key': key }),
    view: (user: TestUser, id: number) => as(user).get(`${V}/aftersales/requests/${id}`),
    act: (user: TestUser, id: number, action: string, body?: object) =>
      as(user).post(`${V}/aftersales/requests/${id}/${action}`, body),
    upload: async (user: TestUser, bytes: Buffer = PNG, contentType = 'image/png') => {
      const res = await ctx.app.inject({
        method: 'POST',
        url: `${V}/evidence-files`,
        headers: { authorization: `Bearer ${user.token}`, 'content-type': contentType },
        payload: bytes,
      });
      expect(res.statusCode, res.body).toBe(201);
      return res.json().id as number;
    },
    /** Pays out due refunds and fires due deadlines. */
    runDue: () => ctx.deadlines.runDue(),
    refundsOf: (requestId: number) =>
      ctx.db
        .selectFrom('refunds')
        .selectAll()
        .where('causeType', '=', 'aftersales_request')
        .where('causeId', '=', requestId)
        .execute(),
  };
}
