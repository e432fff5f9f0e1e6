import type { Executor } from '../../platform/db.ts';

const OPEN_STATES = [
  'pending_merchant',
  'awaiting_return',
  'return_shipped',
  'awaiting_reship',
  'rejected',
  'in_arbitration',
] as const;

/** The after-sales requests of the given orders, oldest first (for the shop's order desk). */
export async function requestsOfOrders(db: Executor, orderIds: readonly number[]) {
  if (orderIds.length === 0) return [];
  return db
    .selectFrom('aftersalesRequests')
    .select([
      'id',
      'orderId',
      'orderLineId',
      'type',
      'reason',
      'state',
      'quantity',
      'requestedFen',
      'approvedFen',
      'deadlineAt',
      'createdAt',
      'closedAt',
    ])
    .where('orderId', 'in', orderIds)
    .orderBy('id')
    .execute();
}

/** Whether a request still needs someone to act (not refunded, resolved or closed). */
export function isOpenRequest(state: string): boolean {
  return (OPEN_STATES as readonly string[]).includes(state);
}

/** Whether the order has an after-sales request still open (its money stays in escrow, product rules §5). */
export async function hasOpenRequest(db: Executor, orderId: number): Promise<boolean> {
  const row = await db
    .selectFrom('aftersalesRequests')
    .select('id')
    .where('orderId', '=', orderId)
    .where('state', 'in', OPEN_STATES)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

/** The shop's orders with an after-sales request still open (售后中), newest first. */
export async function ordersWithOpenRequests(db: Executor, shopId: number): Promise<number[]> {
  const rows = await db
    .selectFrom('aftersalesRequests')
    .select('orderId')
    .distinct()
    .where('shopId', '=', shopId)
    .where('state', 'in', OPEN_STATES)
    .execute();
  return rows.map((r) => r.orderId);
}
