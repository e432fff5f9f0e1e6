import { sql } from 'kysely';
import type { Executor } from '../../platform/db.ts';
import type { OrderState } from './orders.tables.ts';

/** An order as a card in a conversation (product rules §8.1): who it is between, the first item, the total. */
export interface OrderCardFacts {
  id: number;
  buyerId: number;
  shopId: number;
  state: OrderState;
  totalFen: number;
  /** Units over all lines. */
  itemCount: number;
  /** The first line's title and product (its image is the catalogue's). */
  title: string;
  productId: number;
}

/** Cards of these orders, one query (orders without lines are left out). */
export async function orderCardFacts(db: Executor, orderIds: readonly number[]): Promise<OrderCardFacts[]> {
  if (orderIds.length === 0) return [];
  return db
    .selectFrom('orders as o')
    .innerJoinLateral(
      (eb) =>
        eb
          .selectFrom('orderLines as l')
          .select(['l.title', 'l.productId'])
          .whereRef('l.orderId', '=', 'o.id')
          .orderBy('l.id')
          .limit(1)
          .as('first'),
      (join) => join.onTrue(),
    )
    .select([
      'o.id',
      'o.buyerId',
      'o.shopId',
      'o.state',
      'o.totalFen',
      'first.title',
      'first.productId',
      sql<number>`(select coalesce(sum(quantity), 0)::int from order_lines where order_id = o.id)`.as(
        'itemCount',
      ),
    ])
    .where('o.id', 'in', orderIds)
    .execute();
}
