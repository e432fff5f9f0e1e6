import { randomBytes } from 'node:crypto';
import { buildPaidOrder, buildShop, type TestUser } from '../../../test/builders.ts';
import { api, type TestContext } from '../../../test/harness.ts';

/** A waybill number no other test uses (14 letters and digits). */
export const waybill = (prefix = 'SB') => `${prefix}${randomBytes(6).toString('hex').toUpperCase()}`;

/** Calls of the fulfilment routes, as a buyer, merchant or ops client would make them. */
export function fulfilmentApi(ctx: TestContext) {
  return {
    ship: (token: string, shopId: number, orderId: number, body: object) =>
      api(ctx.app, token).post(`/api/v1/shops/${shopId}/orders/${orderId}/shipment`, body),
    track: (token: string, shipmentId: number, body: object) =>
      api(ctx.app, token).post(`/api/v1/shipments/${shipmentId}/sandbox-events`, body),
    buyerView: (token: string, orderId: number) =>
      api(ctx.app, token).get(`/api/v1/orders/${orderId}/shipment`),
    shopView: (token: string, shopId: number, orderId: number) =>
      api(ctx.app, token).get(`/api/v1/shops/${shopId}/orders/${orderId}/shipment`),
    toShip: (token: string, shopId: number) =>
      api(ctx.app, token).get(`/api/v1/shops/${shopId}/orders-to-ship`),
    confirm: (token: string, orderId: number) =>
      api(ctx.app, token).post(`/api/v1/orders/${orderId}/confirm-receipt`),
  };
}

/** A shop with its signed-in owner and one paid order of a new buyer. */
export async function paidOrderOfNewShop(ctx: TestContext): Promise<{
  shopId: number;
  owner: TestUser;
  orderId: number;
  buyer: TestUser;
}> {
  const { shopId, owner } = await buildShop(ctx);
  const { orderId, buyer } = await buildPaidOrder(ctx, { shopId });
  return { shopId, owner, orderId, buyer };
}

/** The deadline rows of one kind and subject, oldest first. */
export function deadlinesOf(ctx: TestContext, kind: string, subjectId: number) {
  return ctx.db
    .selectFrom('deadlines')
    .select(['status', 'dueAt'])
    .where('kind', '=', kind)
    .where('subjectId', '=', subjectId)
    .orderBy('id')
    .execute();
}
