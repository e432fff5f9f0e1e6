import { sql } from 'kysely';
import type { Tx } from '../../platform/db.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { canTransition, transitionRow } from '../../platform/state-machine.ts';
import { returnStock } from '../catalog/index.ts';
import { returnFlashStock } from '../flash-sales/index.ts';
import { orderTransitions } from './order.machine.ts';
import type { ActorKind, OrderState, OrdersTable } from './orders.tables.ts';

export interface Actor {
  kind: ActorKind;
  id: number | null;
}

type TimestampColumn = 'paidAt' | 'shipByAt' | 'shippedAt' | 'deliveredAt' | 'completedAt' | 'cancelledAt';

export interface OrderMove {
  orderId: number;
  to: OrderState;
  actor: Actor;
  at: Date;
  note?: string;
  /** Timestamps and reason set with the move. */
  set?: Partial<Pick<OrdersTable, TimestampColumn>> & { cancelReason?: string };
}

export interface MovedOrder {
  id: number;
  buyerId: number;
  shopId: number;
  groupId: number;
  from: OrderState;
  to: OrderState;
  totalFen: number;
}

/**
 * The one way an order changes state: locks the row, checks the transition table, updates, and writes
 * the timeline event, inside the caller's transaction. Throws `invalid_transition` (409) when the
 * order is not in a state that allows the move.
 */
export async function moveOrder(tx: Tx, move: OrderMove): Promise<MovedOrder> {
  const current = await tx
    .selectFrom('orders')
    .select(['id', 'state', 'buyerId', 'shopId', 'groupId', 'totalFen'])
    .where('id', '=', move.orderId)
    .forUpdate()
    .executeTakeFirst();
  if (!current) throw notFound('order', move.orderId);
  if (!canTransition(orderTransitions, current.state, move.to)) {
    throw new AppError(
      'invalid_transition',
      `order ${move.orderId} is ${current.state} and cannot become ${move.to}`,
      {
        orderId: move.orderId,
        from: current.state,
        to: move.to,
      },
    );
  }
  // Conditional on the state read, with the row count checked (the lock makes a miss a bug, not a race).
  await transitionRow(tx, 'orders', {
    machine: orderTransitions,
    what: `order ${move.orderId}`,
    key: { id: move.orderId },
    from: current.state,
    to: move.to,
    set: { ...(move.set ?? {}), updatedAt: move.at },
  });
  await tx
    .insertInto('orderEvents')
    .values({
      orderId: move.orderId,
      fromState: current.state,
      toState: move.to,
      actorKind: move.actor.kind,
      actorId: move.actor.id,
      note: move.note ?? null,
      at: move.at,
    })
    .execute();
  return { ...current, from: current.state, to: move.to };
}

/**
 * Puts an order's units back on the shelf and off the buyer's purchase-limit count (cancellation), and
 * its flash-priced units back to their flash sales (flash rows before SKU rows, as checkout locks them).
 */
export async function releaseOrderStock(tx: Tx, orderId: number, buyerId: number): Promise<void> {
  const flash = await tx
    .selectFrom('orderLines')
    .select(['flashSaleId', 'quantity'])
    .where('orderId', '=', orderId)
    .where('flashSaleId', 'is not', null)
    .orderBy('flashSaleId')
    .execute();
  await returnFlashStock(
    tx,
    flash.map((l) => ({ flashSaleId: l.flashSaleId!, buyerId, quantity: l.quantity })),
  );
  // One statement takes the units off the buyer's count and reports them per SKU; catalog restocks.
  const units = await sql<{ skuId: number; q: number }>`
    with l as (select sku_id, sum(quantity)::int as q from order_lines where order_id = ${orderId} group by sku_id),
    counted as (
      update buyer_sku_purchases p set quantity = greatest(p.quantity - l.q, 0)
      from l where p.buyer_id = ${buyerId} and p.sku_id = l.sku_id
    )
    select sku_id, q from l order by sku_id`.execute(tx);
  await returnStock(tx, new Map(units.rows.map((r) => [r.skuId, r.q])));
}
