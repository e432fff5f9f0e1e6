import type { Principal } from '../../platform/access.ts';
import type { Executor } from '../../platform/db.ts';
import { notFound } from '../../platform/errors.ts';
import { requireShopMember } from '../shops/index.ts';
import { AUTO_CONFIRM } from './deadline-kinds.ts';
import { shipByCountdown } from './ship-by.rule.ts';

/**
 * An order's fulfilment as its buyer and its shop see it: where the order stands, the shipment with
 * its tracking timeline (null until shipped), and the promises the platform saw broken.
 */
export async function fulfilmentView(db: Executor, orderId: number) {
  const order = await db
    .selectFrom('orders')
    .select(['id', 'state', 'paidAt', 'shipByAt', 'shippedAt', 'deliveredAt', 'completedAt'])
    .where('id', '=', orderId)
    .executeTakeFirst();
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
  const { id, state, ...times } = order;
  return {
    orderId: id,
    orderState: state,
    ...times,
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
  const owned = await db
    .selectFrom('orders')
    .select('id')
    .where('id', '=', orderId)
    .where('buyerId', '=', buyerId)
    .executeTakeFirst();
  if (!owned) throw notFound('order', orderId);
}

/** A member of the shop, and an order of that shop; anything else answers 404. */
export async function requireShopOrder(
  db: Executor,
  principal: Principal,
  shopId: number,
  orderId: number,
): Promise<void> {
  await requireShopMember(db, principal, shopId);
  const owned = await db
    .selectFrom('orders')
    .select('id')
    .where('id', '=', orderId)
    .where('shopId', '=', shopId)
    .executeTakeFirst();
  if (!owned) throw notFound('order', orderId);
}

/** A shop's paid orders waiting for shipment, the most urgent ship-by promise first, with countdowns. */
export async function ordersToShip(
  db: Executor,
  principal: Principal,
  shopId: number,
  now: Date,
  page: { limit: number; offset: number },
) {
  await requireShopMember(db, principal, shopId);
  const query = db.selectFrom('orders').where('shopId', '=', shopId).where('state', '=', 'paid');
  const [rows, total] = await Promise.all([
    query
      .select(['id', 'buyerId', 'itemsFen', 'totalFen', 'paidAt', 'shipByAt'])
      .orderBy('shipByAt')
      .orderBy('id')
      .limit(page.limit)
      .offset(page.offset)
      .execute(),
    query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  const items = rows.map(({ id, paidAt, shipByAt, ...rest }) => {
    // A paid order always carries both (markOrdersPaid sets them together).
    const promised = shipByAt!;
    return { orderId: id, ...rest, paidAt: paidAt!, shipByAt: promised, ...shipByCountdown(promised, now) };
  });
  return { items, total: Number(total.n), limit: page.limit, offset: page.offset };
}
