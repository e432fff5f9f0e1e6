import type { Principal } from '../../platform/access.ts';
import type { Db, Executor, Tx } from '../../platform/db.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import type { DeadlineHandlers } from '../../platform/scheduler/index.ts';
import { cancelDeadline } from '../../platform/scheduler/index.ts';
import { maskPhone } from '../addresses/index.ts';
import { returnCoupons } from '../promotions/index.ts';
import { requireShopMember } from '../shops/index.ts';
import { CANCEL_UNPAID } from './checkout.service.ts';
import { orderTimeline } from './order-timeline.rule.ts';
import { type Actor, moveOrder, releaseOrderStock } from './order-transition.ts';
import type { OrderAddress, OrderState } from './orders.tables.ts';

const orderColumns = [
  'id',
  'groupId',
  'buyerId',
  'shopId',
  'state',
  'itemsFen',
  'shippingFen',
  'shopDiscountFen',
  'platformDiscountFen',
  'totalFen',
  'presaleShipDays',
  'liveSessionId',
  'hostUserId',
  'paymentDueAt',
  'paidAt',
  'shipByAt',
  'shippedAt',
  'deliveredAt',
  'completedAt',
  'cancelledAt',
  'cancelReason',
  'createdAt',
] as const;

export async function listOrders(
  db: Executor,
  filter: { buyerId?: number; shopId?: number; state?: OrderState; limit: number; offset: number },
) {
  let query = db.selectFrom('orders');
  if (filter.buyerId !== undefined) query = query.where('buyerId', '=', filter.buyerId);
  if (filter.shopId !== undefined) query = query.where('shopId', '=', filter.shopId);
  if (filter.state !== undefined) query = query.where('state', '=', filter.state);
  const [items, total] = await Promise.all([
    query.select(orderColumns).orderBy('id', 'desc').limit(filter.limit).offset(filter.offset).execute(),
    query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items, total: Number(total.n), limit: filter.limit, offset: filter.offset };
}

/** The lines of the given orders, by order then line id (for other modules' set-based reads). */
export async function linesOfOrders(db: Executor, orderIds: readonly number[]) {
  if (orderIds.length === 0) return [];
  return db
    .selectFrom('orderLines')
    .select(['id', 'orderId', 'skuId', 'productId', 'title', 'spec', 'unitPriceFen', 'quantity', 'lineFen'])
    .where('orderId', 'in', orderIds)
    .orderBy('orderId')
    .orderBy('id')
    .execute();
}

/**
 * An order with its lines (each with what the buyer paid for it), its delivery address and timeline;
 * `scope` hides other tenants' orders as 404. The buyer sees their own address in full; the shop sees
 * the receiver's phone masked (the receiver in full is on its orders to ship: `orderReceivers`).
 */
export async function getOrderDetail(
  db: Executor,
  orderId: number,
  scope: { buyerId?: number; shopId?: number },
) {
  let query = db
    .selectFrom('orders')
    .select([...orderColumns, 'address'])
    .where('id', '=', orderId);
  if (scope.buyerId !== undefined) query = query.where('buyerId', '=', scope.buyerId);
  if (scope.shopId !== undefined) query = query.where('shopId', '=', scope.shopId);
  const order = await query.executeTakeFirst();
  if (!order) throw notFound('order', orderId);
  const [lines, timeline] = await Promise.all([
    db
      .selectFrom('orderLines')
      .select([
        'id',
        'skuId',
        'productId',
        'title',
        'spec',
        'unitPriceFen',
        'quantity',
        'lineFen',
        'listUnitPriceFen',
        'flashSaleId',
        'shopDiscountFen',
        'platformDiscountFen',
        'paidFen',
        'creatorCommissionBp',
        'guarantees',
      ])
      .where('orderId', '=', orderId)
      .orderBy('id')
      .execute(),
    db
      .selectFrom('orderEvents')
      .select(['fromState', 'toState', 'actorKind', 'actorId', 'note', 'at'])
      .where('orderId', '=', orderId)
      .orderBy('id')
      .execute(),
  ]);
  const address =
    order.address && scope.buyerId === undefined
      ? { ...order.address, phone: maskPhone(order.address.phone) }
      : order.address;
  return { ...order, address, lines, timeline: orderTimeline(order, timeline) };
}

/** The delivery address of each order (null for orders placed before addresses), phone in full: for the shop's orders to ship. */
export async function orderReceivers(
  db: Executor,
  orderIds: readonly number[],
): Promise<Map<number, OrderAddress | null>> {
  if (orderIds.length === 0) return new Map();
  const rows = await db.selectFrom('orders').select(['id', 'address']).where('id', 'in', orderIds).execute();
  return new Map(rows.map((r) => [r.id, r.address]));
}

export async function getShopOrderDetail(
  db: Executor,
  principal: Principal,
  shopId: number,
  orderId: number,
) {
  await requireShopMember(db, principal, shopId);
  return getOrderDetail(db, orderId, { shopId });
}

/**
 * Cancels an unpaid order: back to stock (and flash-sale stock), off the buyer's limit count, its coupons
 * given back, deadline dropped. The buyer
 * does it by hand; the `orders.cancel_unpaid` deadline does it 15 minutes after checkout.
 */
export async function cancelUnpaidOrder(tx: Tx, orderId: number, actor: Actor, reason: string, at: Date) {
  // Deadline row before order row: the order the deadline runner locks them in, so a buyer
  // cancelling while the deadline fires waits instead of deadlocking.
  await cancelDeadline(tx, CANCEL_UNPAID, orderId);
  const order = await tx
    .selectFrom('orders')
    .select('state')
    .where('id', '=', orderId)
    .forUpdate()
    .executeTakeFirst();
  if (!order) throw notFound('order', orderId);
  if (order.state !== 'pending_payment') {
    // Paid orders are cancelled through a refund (after-sales), not here.
    throw new AppError(
      'invalid_transition',
      `order ${orderId} is ${order.state}; only unpaid orders can be cancelled`,
      {
        from: order.state,
      },
    );
  }
  const moved = await moveOrder(tx, {
    orderId,
    to: 'cancelled',
    actor,
    at,
    note: reason,
    set: { cancelledAt: at, cancelReason: reason },
  });
  await releaseOrderStock(tx, orderId, moved.buyerId);
  // §9: an order cancelled unpaid gives its coupons back (available again while still valid).
  await returnCoupons(tx, [orderId], at);
  return moved;
}

export async function buyerCancelsOrder(db: Db, principal: Principal, orderId: number, at: Date) {
  return db.transaction().execute(async (tx) => {
    const owned = await tx
      .selectFrom('orders')
      .select('id')
      .where('id', '=', orderId)
      .where('buyerId', '=', principal.userId)
      .executeTakeFirst();
    if (!owned) throw notFound('order', orderId);
    await cancelUnpaidOrder(
      tx,
      orderId,
      { kind: 'buyer', id: principal.userId },
      'cancelled by the buyer',
      at,
    );
    return getOrderDetail(tx, orderId, { buyerId: principal.userId });
  });
}

export function orderDeadlineHandlers(): DeadlineHandlers {
  return {
    // product rules §2: unpaid orders auto-cancel after 15 min and release reserved stock.
    [CANCEL_UNPAID]: async (tx, deadline, { now }) => {
      const order = await tx
        .selectFrom('orders')
        .select('state')
        .where('id', '=', deadline.subjectId)
        .forUpdate()
        .executeTakeFirst();
      if (order?.state !== 'pending_payment') return;
      await cancelUnpaidOrder(
        tx,
        deadline.subjectId,
        { kind: 'system', id: null },
        'payment not received in time',
        now,
      );
    },
  };
}
