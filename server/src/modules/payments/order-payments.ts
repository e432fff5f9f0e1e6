import type { Executor } from '../../platform/db.ts';

/** The payments that covered an order (usually one; a late duplicate shows as refunded), oldest first. */
export async function paymentsOfOrder(db: Executor, orderId: number) {
  return db
    .selectFrom('paymentOrders as po')
    .innerJoin('payments as p', 'p.id', 'po.paymentId')
    .select(['p.id', 'p.provider', 'p.state', 'p.amountFen', 'p.createdAt', 'p.completedAt'])
    .where('po.orderId', '=', orderId)
    .orderBy('p.id')
    .execute();
}
