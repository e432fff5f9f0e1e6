import type { Executor } from '../../platform/db.ts';
import { getProductSummaries } from '../catalog/index.ts';
import { shopNames } from '../shops/index.ts';
import type { BuyerStages } from './buyer-orders.schema.ts';
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

/**
 * Which of a buyer's order lines they reviewed. Reviews belong to the content module, which depends on
 * orders through after-sales: the composition root (src/app.ts) passes its answer in.
 */
export type ReviewedLines = (db: Executor, buyerId: number) => Promise<number[]>;

/**
 * The buyer's order cards, newest first: each order with its shop's name and its items with images.
 * The to_review tab holds completed orders with an item not reviewed yet, showing only those items.
 */
export async function buyerOrderCards(
  db: Executor,
  filter: { buyerId: number; state?: OrderState; stage?: BuyerStage; limit: number; offset: number },
  reviewedLines: ReviewedLines = async () => [],
) {
  const states = filter.stage ? STAGE_STATES[filter.stage] : filter.state ? [filter.state] : undefined;
  const reviewed = filter.stage === 'to_review' ? await reviewedLines(db, filter.buyerId) : [];
  let query = db.selectFrom('orders').where('buyerId', '=', filter.buyerId);
  if (states) query = query.where('state', 'in', states);
  if (filter.stage === 'to_review')
    query = query.where(({ exists, selectFrom }) =>
      exists(
        selectFrom('orderLines as l')
          .select('l.id')
          .whereRef('l.orderId', '=', 'orders.id')
          .$if(reviewed.length > 0, (q) => q.where('l.id', 'not in', reviewed)),
      ),
    );
  const [items, total] = await Promise.all([
    query.selectAll().orderBy('id', 'desc').limit(filter.limit).offset(filter.offset).execute(),
    query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  const page = { items, total: Number(total.n), limit: filter.limit, offset: filter.offset };
  const orderIds = page.items.map((o) => o.id);
  const lines = orderIds.length
    ? await db
        .selectFrom('orderLines')
        .select(['id', 'orderId', 'productId', 'title', 'spec', 'quantity', 'unitPriceFen'])
        .where('orderId', 'in', orderIds)
        // the to_review tab shows the items still to review, not the ones reviewed already
        .$if(reviewed.length > 0, (q) => q.where('id', 'not in', reviewed))
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
