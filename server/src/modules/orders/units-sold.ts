import type { Executor } from '../../platform/db.ts';
import type { OrderState } from './orders.tables.ts';

// Paid and not cancelled: what the shop sold, whatever happened after (after-sales counts apart).
const SOLD_STATES = ['paid', 'shipped', 'delivered', 'completed'] as const satisfies OrderState[];

/** Units sold per product (lines of orders paid and not cancelled), for the shop's product table. */
export async function unitsSoldByProduct(
  db: Executor,
  productIds: readonly number[],
): Promise<Map<number, number>> {
  if (productIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('orderLines as l')
    .innerJoin('orders as o', 'o.id', 'l.orderId')
    .select(['l.productId', (eb) => eb.fn.sum<string>('l.quantity').as('units')])
    .where('l.productId', 'in', productIds)
    .where('o.state', 'in', SOLD_STATES)
    .groupBy('l.productId')
    .execute();
  return new Map(rows.map((r) => [r.productId, Number(r.units)]));
}
