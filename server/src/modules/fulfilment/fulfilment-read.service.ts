import type { Principal } from '../../platform/access.ts';
import type { Executor } from '../../platform/db.ts';
import { notFound } from '../../platform/errors.ts';
import { linesOfOrders, orderForFulfilment, orderReceivers, paidOrdersOfShop } from '../orders/index.ts';
import { requireShopMember } from '../shops/index.ts';
import { AUTO_CONFIRM } from './deadline-kinds.ts';
import { type FulfilmentHooks, noFulfilmentHooks } from './fulfilment-hooks.ts';
import { receiverFor } from './receiver.rule.ts';
import { shipByCountdown } from './ship-by.rule.ts';
import { remainderToShip } from './to-ship.rule.ts';

/**
 * An order's fulfilment as its buyer and its shop see it: where the order stands, the shipment with
 * its tracking timeline (null until shipped), and the promises the platform saw broken.
 */
export async function fulfilmentView(db: Executor, orderId: number) {
  const order = await orderForFulfilment(db, orderId);
  if (!order) throw notFound('order', orderId);
  const [shipment, incidents, autoConfirm] = await Promise.all([
    db
      .selectFrom('shipments')
      .select(['id', 'carrier', 'trackingNumber', 'status', 'shippedAt'])
      .where('orderId', '=', orderId)
      .executeTakeFirst(),
    db
      .selectFrom('fulfilmentIncidents')
      .select(['kind', 'promisedAt', 'details', 'at'])
      .where('orderId', '=', orderId)
      .orderBy('id')
      .execute(),
    db
      .selectFrom('deadlines')
      .select('dueAt')
      .where('kind', '=', AUTO_CONFIRM)
      .where('subjectId', '=', orderId)
      .where('status', '=', 'pending')
      .executeTakeFirst(),
  ]);
  const events = shipment
    ? await db
        .selectFrom('shipmentEvents')
        .select(['event', 'location', 'at'])
        .where('shipmentId', '=', shipment.id)
        .orderBy('id')
        .execute()
    : [];
  return {
    orderId: order.id,
    orderState: order.state,
    paidAt: order.paidAt,
    shipByAt: order.shipByAt,
    shippedAt: order.shippedAt,
    deliveredAt: order.deliveredAt,
    completedAt: order.completedAt,
    autoConfirmAt: autoConfirm?.dueAt ?? null,
    shipment: shipment ? { ...shipment, events } : null,
    incidents,
  };
}

export type FulfilmentView = Awaited<ReturnType<typeof fulfilmentView>>;

/** The buyer's own order only: another buyer's order answers 404 like a missing one. */
export async function buyerFulfilment(db: Executor, buyerId: number, orderId: number) {
  await requireBuyerOrder(db, buyerId, orderId);
  return fulfilmentView(db, orderId);
}

export async function shopFulfilment(db: Executor, principal: Principal, shopId: number, orderId: number) {
  await requireShopOrder(db, principal, shopId, orderId);
  return fulfilmentView(db, orderId);
}

export async function requireBuyerOrder(db: Executor, buyerId: number, orderId: number): Promise<void> {
  const order = await orderForFulfilment(db, orderId);
  if (order?.buyerId !== buyerId) throw notFound('order', orderId);
}

/** A member of the shop, and an order of that shop; anything else answers 404. */
export async function requireShopOrder(
  db: Executor,
  principal: Principal,
  shopId: number,
  orderId: number,
): Promise<void> {
  await requireShopMember(db, principal, shopId);
  const order = await orderForFulfilment(db, orderId);
  if (order?.shopId !== shopId) throw notFound('order', orderId);
}

/**
 * A shop's paid orders waiting for shipment, the most urgent ship-by promise first, with countdowns:
 * each with the lines and units still to ship and the amount still to be paid out once refunds before
 * shipment (极速退款) are taken off, and the receiver in full; an order with every unit refunded is not
 * listed.
 */
export async function ordersToShip(
  db: Executor,
  principal: Principal,
  shopId: number,
  now: Date,
  page: { limit: number; offset: number },
  hooks: Pick<FulfilmentHooks, 'refundedLines'> = noFulfilmentHooks,
) {
  await requireShopMember(db, principal, shopId);
  // Paid and unshipped orders are few per shop (48 h of them); refunds are read for all of them so the
  // page and the total leave out orders with nothing left to ship.
  const paid = (await paidOrdersOfShop(db, shopId)).map(
    ({ id, buyerId, itemsFen, totalFen, paidAt, shipByAt }) => ({
      id,
      buyerId,
      itemsFen,
      totalFen,
      paidAt,
      shipByAt,
    }),
  );
  const refunded = await hooks.refundedLines(
    db,
    paid.map((o) => o.id),
  );
  const refundedOf = groupBy(refunded, (r) => r.orderId);
  const fullyRefunded = new Set<number>();
  if (refunded.length > 0) {
    const lines = await linesOfOrders(db, [...refundedOf.keys()]);
    const linesOf = groupBy(lines, (l) => l.orderId);
    for (const [orderId, rows] of refundedOf) {
      const order = paid.find((o) => o.id === orderId)!;
      if (remainderToShip(order, linesOf.get(orderId) ?? [], rows).nothingToShip) fullyRefunded.add(orderId);
    }
  }
  const waiting = paid.filter((o) => !fullyRefunded.has(o.id));
  const rows = waiting.slice(page.offset, page.offset + page.limit);
  const ids = rows.map((o) => o.id);
  const [lines, receivers] = await Promise.all([linesOfOrders(db, ids), orderReceivers(db, ids)]);
  const linesOf = groupBy(lines, (l) => l.orderId);
  const items = rows.map(({ id, paidAt, shipByAt, ...rest }) => {
    // A paid order always carries both (markOrdersPaid sets them together).
    const promised = shipByAt!;
    const remainder = remainderToShip(rest, linesOf.get(id) ?? [], refundedOf.get(id) ?? []);
    return {
      orderId: id,
      ...rest,
      refundedFen: remainder.refundedFen,
      payoutFen: remainder.payoutFen,
      lines: remainder.lines,
      paidAt: paidAt!,
      shipByAt: promised,
      ...shipByCountdown(promised, now),
      // waiting to be shipped: the packer needs the receiver in full
      receiver: receiverFor(receivers.get(id), true),
    };
  });
  return { items, total: waiting.length, limit: page.limit, offset: page.offset };
}

function groupBy<T, K>(rows: readonly T[], key: (row: T) => K): Map<K, T[]> {
  const map = new Map<K, T[]>();
  for (const row of rows) {
    const k = key(row);
    const list = map.get(k);
    if (list) list.push(row);
    else map.set(k, [row]);
  }
  return map;
}
