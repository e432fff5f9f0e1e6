import type { Executor, Tx } from '../../platform/db.ts';
import type { OrderState } from './orders.tables.ts';

/** An order as fulfilment sees it: whose it is, where it stands, what it costs, its promise times. */
export interface FulfilmentOrder {
  id: number;
  buyerId: number;
  shopId: number;
  state: OrderState;
  itemsFen: number;
  totalFen: number;
  paidAt: Date | null;
  shipByAt: Date | null;
  shippedAt: Date | null;
  deliveredAt: Date | null;
  completedAt: Date | null;
}

const columns = [
  'id',
  'buyerId',
  'shopId',
  'state',
  'itemsFen',
  'totalFen',
  'paidAt',
  'shipByAt',
  'shippedAt',
  'deliveredAt',
  'completedAt',
] as const;

/** One order for fulfilment's reads, no lock; undefined when there is no such order. */
export async function orderForFulfilment(
  db: Executor,
  orderId: number,
): Promise<FulfilmentOrder | undefined> {
  return db.selectFrom('orders').select(columns).where('id', '=', orderId).executeTakeFirst();
}

/**
 * One order with its row locked for the caller's transaction (shipping, delivery, auto-confirm): a
 * refund or cancellation of the same order waits. Its state still changes only through `moveOrder`.
 */
export async function lockOrderForFulfilment(tx: Tx, orderId: number): Promise<FulfilmentOrder | undefined> {
  return tx.selectFrom('orders').select(columns).where('id', '=', orderId).forUpdate().executeTakeFirst();
}

/** A shop's paid orders (waiting to be shipped), the most urgent ship-by promise first. No lock. */
export async function paidOrdersOfShop(db: Executor, shopId: number): Promise<FulfilmentOrder[]> {
  return db
    .selectFrom('orders')
    .select(columns)
    .where('shopId', '=', shopId)
    .where('state', '=', 'paid')
    .orderBy('shipByAt')
    .orderBy('id')
    .execute();
}
