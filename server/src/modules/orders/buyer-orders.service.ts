import type { Executor } from '../../platform/db.ts';
import { getProductSummaries } from '../catalog/index.ts';
import { shopNames } from '../shops/index.ts';
import type { BuyerStages } from './buyer-orders.schema.ts';
import { listOrders } from './orders.service.ts';
import type { OrderState } from './orders.tables.ts';

export type BuyerStage = (typeof BuyerStages)[number];

// The order tabs of the shopping apps buyers know (待付款 / 待发货 / 待收货 / 待评价): a parcel the
// carrier delivered is still "to receive" until the buyer confirms it.
const STAGE_STATES: Record<BuyerStage, OrderState[]> = {
  to_pay: ['pending_payment'],
  to_ship: ['paid'],
  to_receive: ['shipped', 'delivered'],
  to_review: ['completed'],
};

/** The buyer's order cards, newest first: each order with its shop's name and its items with images. */
export async function buyerOrderCards(
  db: Executor,
  filter: { buyerId: number; state?: OrderState; stage?: BuyerStage; limit: number; offset: number },
) {
  const states = filter.stage ? STAGE_STATES[filter.stage] : filter.state ? [filter.state] : undefined;
  const page = await listOrders(db, { buyerId: filter.buyerId, states, limit: filter.limit, offset: filter.offset });
  const orderIds = page.items.map((o) => o.id);
  const lines = orderIds.length
    ? await db
        .selectFrom('orderLines')
        .select(['id', 'orderId', 'productId', 'title', 'spec', 'quantity', 'unitPriceFen'])
        .where('orderId', 'in', orderIds)
        .orderBy('id')
        .execute()
    : [];
  const [names, products] = await Promise.all([
    shopNames(db, [...new Set(page.items.map((o) => o.shopId))]),
    getProductSummaries(db, [...new Set(lines.map((l) => l.productId))]),
  ]);
  const images = new Map(products.map((p) => [p.id, p.imageUrl]));
  return {
    ...page,
    items: page.items.map((o) => ({
      ...o,
      shopName: names.get(o.shopId) ?? '',
      lines: lines
        .filter((l) => l.orderId === o.id)
        .map(({ orderId: _, ...l }) => ({ ...l, imageUrl: images.get(l.productId) ?? null })),
    })),
  };
}
