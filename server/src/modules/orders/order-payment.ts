import { sql } from 'kysely';
import type { Tx } from '../../platform/db.ts';
import { cancelDeadlines, scheduleDeadlines } from '../../platform/scheduler/schedule-many.ts';
import type { Settings } from '../../platform/settings.ts';
import { CANCEL_UNPAID } from './checkout.service.ts';

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
 * A payment covering these orders was confirmed (DOMAIN.md §2): those still waiting become paid with
 * the 48 h ship-by promise and its deadline, their unpaid-cancel deadlines are dropped, the timeline
 * records it. Covered orders it did not pay are reported so the payment module refunds them.
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
  const paid = await sql<{ orderId: number; groupId: number; shopId: number; totalFen: number }>`
    update orders set state = 'paid', paid_at = ${at}, ship_by_at = ${shipBy}, updated_at = ${at}
    where id = any(${orderIds}::bigint[]) and state = 'pending_payment'
    returning id as order_id, group_id, shop_id, total_fen`.execute(tx);
  const paidIds = paid.rows.map((r) => r.orderId);
  if (paidIds.length > 0) {
    await sql`
      insert into order_events (order_id, from_state, to_state, actor_kind, actor_id, note, at)
      select o, 'pending_payment', 'paid', 'provider', null, 'payment received', ${at}
      from unnest(${paidIds}::bigint[]) as v(o)`.execute(tx);
    await scheduleDeadlines(
      tx,
      paidIds.map((subjectId) => ({ kind: SHIP_BY_DEADLINE, subjectId, dueAt: shipBy })),
    );
  }
  const unpaid = await sql<{ orderId: number; groupId: number; totalFen: number }>`
    select id as order_id, group_id, total_fen from orders
    where id = any(${orderIds}::bigint[]) and not (id = any(${paidIds}::bigint[]))`.execute(tx);
  return { paid: paid.rows, unpaid: unpaid.rows };
}
