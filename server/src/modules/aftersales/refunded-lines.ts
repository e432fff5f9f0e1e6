import type { Executor } from '../../platform/db.ts';

export interface RefundedLine {
  orderId: number;
  orderLineId: number;
  /** Units refunded by requests that ended refunded. */
  units: number;
  /** What those requests paid back. */
  fen: number;
}

/**
 * What after-sales refunded of each line of the given orders: units and money of the requests that
 * ended refunded. Set-based, for the shop's order lists and the orders to ship (an unshipped unit
 * refunded by 极速退款 is no longer to be shipped).
 */
export async function refundedLines(db: Executor, orderIds: readonly number[]): Promise<RefundedLine[]> {
  if (orderIds.length === 0) return [];
  const rows = await db
    .selectFrom('aftersalesRequests')
    .select((eb) => [
      'orderId',
      'orderLineId',
      eb.fn.sum<number>('quantity').as('units'),
      eb.fn.sum<number>(eb.fn.coalesce('approvedFen', eb.lit(0))).as('fen'),
    ])
    .where('orderId', 'in', orderIds)
    .where('state', '=', 'refunded')
    .where('orderLineId', 'is not', null)
    .groupBy(['orderId', 'orderLineId'])
    .execute();
  return rows.map((r) => ({
    orderId: r.orderId,
    orderLineId: r.orderLineId!,
    units: Number(r.units),
    fen: Number(r.fen),
  }));
}
