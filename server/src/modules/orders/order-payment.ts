import { sql } from 'kysely';
import type { Tx } from '../../platform/db.ts';
import { cancelDeadlines, scheduleDeadlines } from '../../platform/scheduler/schedule-many.ts';
import type { Settings } from '../../platform/settings.ts';
import { assertTransition } from '../../platform/state-machine.ts';
import { CANCEL_UNPAID } from './checkout.service.ts';
import { orderTransitions } from './order.machine.ts';
import type { OrderState } from './orders.tables.ts';

/**
 * Deadline kind of the ship-by promise, scheduled here when an order becomes paid; its handler lives in
 * the fulfilment module (the kind is defined here so orders need not import fulfilment).
 */
export const SHIP_BY_DEADLINE = 'fulfilment.ship_by';

export interface GroupPayable {
  groupId: number;
  buyerId: number;
  /** Orders still waiting for payment, and what they cost together. */
  pendingOrderIds: number[];
  amountFen: number;
}

/** What each group costs now, its waiting orders locked so a cancellation cannot slip in between. */
export async function lockPayableGroups(
  tx: Tx,
  groupIds: readonly number[],
): Promise<Map<number, GroupPayable>> {
  const result = await sql<{ groupId: number; buyerId: number; id: number; state: string; totalFen: number }>`
    select o.group_id, g.buyer_id, o.id, o.state, o.total_fen
    from order_groups g join orders o on o.group_id = g.id
    where g.id = any(${groupIds}::bigint[])
    order by o.id
    for update of o`.execute(tx);
  const groups = new Map<number, GroupPayable>();
  for (const row of result.rows) {
    let group = groups.get(row.groupId);
    if (!group) {
      group = { groupId: row.groupId, buyerId: row.buyerId, pendingOrderIds: [], amountFen: 0 };
      groups.set(row.groupId, group);
    }
    if (row.state === 'pending_payment') {
      group.pendingOrderIds.push(row.id);
      group.amountFen += row.totalFen;
    }
  }
  return groups;
}

export interface PaidOrdersResult {
  paid: { orderId: number; groupId: number; shopId: number; totalFen: number }[];
  /**
   * Orders the payment covered but did not pay for, because they were cancelled before the money
   * came, or paid meanwhile by a retry after this payment timed out: they must be refunded.
   */
  unpaid: { orderId: number; groupId: number; totalFen: number }[];
}

/**
 * A payment covering these orders was confirmed (product rules §2): those still waiting become paid with
 * the 48 h ship-by promise (a pre-sale order: its own days) and its deadline, their unpaid-cancel deadlines are dropped. Covered orders it did not pay are reported so the payment module refunds them.
 */
export async function markOrdersPaid(
  tx: Tx,
  orderIds: readonly number[],
  at: Date,
  settings: Settings,
): Promise<PaidOrdersResult> {
  if (orderIds.length === 0) return { paid: [], unpaid: [] };
  const shipBy = new Date(at.getTime() + settings.shipByMs);
  // Deadline rows before order rows, the order the deadline runner locks them in (no deadlock with
  // an unpaid-cancel firing right now; if it fired first, the order is found cancelled and refunded).
  await cancelDeadlines(tx, CANCEL_UNPAID, orderIds);
  // The move comes from the order machine, checked once for the batch (set-based); literals keep the SQL as it was.
  const from: OrderState = 'pending_payment';
  const to: OrderState = 'paid';
  assertTransition(orderTransitions, 'order', from, to);
  // One statement: the waiting orders become paid, and every covered order comes back marked paid now
  // or not (the outer select sees the orders as they were before). The timeline's "payment received"
  // is read from `paid_at` (orders.service.ts, `derivedEvents`), not stored.
  // A pre-sale order promises shipment its own number of days after payment (DOMAIN §2), else 48 h.
  const rows = await sql<{
    orderId: number;
    groupId: number;
    shopId: number;
    totalFen: number;
    shipByAt: Date;
    paidNow: boolean;
  }>`
    with paid as (
      update orders set state = ${sql.lit(to)}, paid_at = ${at}, updated_at = ${at},
        ship_by_at = case when presale_ship_days is null then ${shipBy}::timestamptz
                          else ${at}::timestamptz + make_interval(days => presale_ship_days) end
      where id = any(${orderIds}::bigint[]) and state = ${sql.lit(from)}
      returning id, group_id, shop_id, total_fen, ship_by_at
    )
    select id as order_id, group_id, shop_id, total_fen, ship_by_at, true as paid_now from paid
    union all
    select id, group_id, shop_id, total_fen, ship_by_at, false from orders
    where id = any(${orderIds}::bigint[]) and id not in (select id from paid)`.execute(tx);
  const paid = rows.rows.filter((r) => r.paidNow);
  const dueAt = new Map(paid.map((r) => [r.orderId, r.shipByAt]));
  const unpaid = rows.rows
    .filter((r) => !r.paidNow)
    .map(({ orderId, groupId, totalFen }) => ({ orderId, groupId, totalFen }));
  await scheduleDeadlines(
    tx,
    paid.map((o) => ({ kind: SHIP_BY_DEADLINE, subjectId: o.orderId, dueAt: dueAt.get(o.orderId)! })),
  );
  return {
    paid: paid.map(({ orderId, groupId, shopId, totalFen }) => ({ orderId, groupId, shopId, totalFen })),
    unpaid,
  };
}
