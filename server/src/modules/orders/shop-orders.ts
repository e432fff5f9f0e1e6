import type { Executor } from '../../platform/db.ts';
import type { OrderState } from './orders.tables.ts';

/** What a shop's order list can be narrowed by (every given criterion must hold). */
export interface ShopOrderFilter {
  shopId: number;
  states?: readonly OrderState[];
  /** Placed at or after. */
  createdFrom?: Date;
  /** Placed before. */
  createdTo?: Date;
  liveSessionId?: number;
  buyerIds?: readonly number[];
  productId?: number;
  orderId?: number;
  /** Only among these orders (another module's selection, e.g. orders with an open request). */
  orderIds?: readonly number[];
  /** Newest first (default), or the soonest ship-by promise first (orders waiting for shipment). */
  order?: 'newest' | 'ship_by';
}

/**
 * A page of a shop's orders, newest first (or soonest ship-by first), and how many match: the set-based read the shop's order
 * desk and its export page through.
 */
export async function searchShopOrders(
  db: Executor,
  filter: ShopOrderFilter,
  page: { limit: number; offset: number },
) {
  let query = db.selectFrom('orders').where('shopId', '=', filter.shopId);
  if (filter.states) {
    if (filter.states.length === 0) return { items: [], total: 0 };
    query = query.where('state', 'in', filter.states);
  }
  if (filter.createdFrom) query = query.where('createdAt', '>=', filter.createdFrom);
  if (filter.createdTo) query = query.where('createdAt', '<', filter.createdTo);
  if (filter.liveSessionId !== undefined) query = query.where('liveSessionId', '=', filter.liveSessionId);
  if (filter.orderId !== undefined) query = query.where('id', '=', filter.orderId);
  for (const ids of [filter.buyerIds, filter.orderIds]) {
    if (ids && ids.length === 0) return { items: [], total: 0 };
  }
  if (filter.buyerIds) query = query.where('buyerId', 'in', filter.buyerIds);
  if (filter.orderIds) query = query.where('id', 'in', filter.orderIds);
  if (filter.productId !== undefined) {
    const productId = filter.productId;
    query = query.where(({ exists, selectFrom }) =>
      exists(
        selectFrom('orderLines as l')
          .select('l.id')
          .whereRef('l.orderId', '=', 'orders.id')
          .where('l.productId', '=', productId),
      ),
    );
  }
  const [items, total] = await Promise.all([
    query
      .select([
        'id',
        'buyerId',
        'state',
        'itemsFen',
        'totalFen',
        'liveSessionId',
        'paidAt',
        'shipByAt',
        'shippedAt',
        'deliveredAt',
        'completedAt',
        'cancelledAt',
        'createdAt',
      ])
      .$if(filter.order === 'ship_by', (q) => q.orderBy('shipByAt').orderBy('id'))
      .$if(filter.order !== 'ship_by', (q) => q.orderBy('id', 'desc'))
      .limit(page.limit)
      .offset(page.offset)
      .execute(),
    query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items, total: Number(total.n) };
}

export type ShopOrderRow = Awaited<ReturnType<typeof searchShopOrders>>['items'][number];
