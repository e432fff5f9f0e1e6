import type { Principal } from '../../platform/access.ts';
import type { Executor } from '../../platform/db.ts';
import { invalidField } from '../../platform/errors.ts';
import {
  isOpenRequest,
  ordersWithOpenRequests,
  refundedLines,
  requestsOfOrders,
} from '../aftersales/index.ts';
import { receiverFor, remainderToShip, shipmentsOfOrders } from '../fulfilment/index.ts';
import { displayNames, findAccountIds } from '../identity/index.ts';
import { sessionTitles } from '../live/index.ts';
import {
  linesOfOrders,
  type OrderState,
  orderReceivers,
  type ShopOrderFilter,
  type ShopOrderRow,
  searchShopOrders,
} from '../orders/index.ts';
import { requireShopMember } from '../shops/index.ts';
import type { DeskStatus, DeskView } from './order-desk.schema.ts';

export interface DeskFilterInput {
  view?: string;
  from?: string;
  to?: string;
  liveSessionId?: number;
  buyer?: string;
  productId?: number;
  q?: string;
}

const STATES_OF: Record<DeskStatus, OrderState[]> = {
  to_pay: ['pending_payment'],
  to_ship: ['paid'],
  shipped: ['shipped', 'delivered'],
  completed: ['completed'],
  cancelled: ['cancelled'],
};

export function deskStatus(state: OrderState): DeskStatus {
  for (const [status, states] of Object.entries(STATES_OF)) {
    if (states.includes(state)) return status as DeskStatus;
  }
  return 'cancelled';
}

/** The orders' filter from the desk's query: bad input answers 400 naming the field. */
export async function resolveFilter(
  db: Executor,
  shopId: number,
  input: DeskFilterInput,
): Promise<ShopOrderFilter> {
  const filter: { -readonly [K in keyof ShopOrderFilter]: ShopOrderFilter[K] } = { shopId };
  const view = (input.view ?? 'all') as DeskView;
  if (view === 'aftersales') filter.orderIds = await ordersWithOpenRequests(db, shopId);
  else if (view !== 'all') filter.states = STATES_OF[view];
  // Waiting for shipment: the most urgent ship-by promise first, as a packer works through them.
  if (view === 'to_ship') filter.order = 'ship_by';
  if (input.from) filter.createdFrom = new Date(input.from);
  if (input.to) filter.createdTo = new Date(input.to);
  if (filter.createdFrom && filter.createdTo && filter.createdTo <= filter.createdFrom)
    throw invalidField('to', 'must be after from');
  if (input.liveSessionId !== undefined) filter.liveSessionId = input.liveSessionId;
  if (input.productId !== undefined) filter.productId = input.productId;
  if (input.q !== undefined) {
    const digits = input.q.trim().replace(/^#\s*/, '');
    if (!/^\d{1,15}$/.test(digits)) throw invalidField('q', 'must be an order number (digits)');
    filter.orderId = Number(digits);
  }
  if (input.buyer !== undefined) {
    const text = input.buyer.trim();
    if (text === '') throw invalidField('buyer', 'must not be blank');
    // Digits are an account number; anything else part of a login or display name.
    filter.buyerIds = /^\d{1,15}$/.test(text) ? [Number(text)] : await findAccountIds(db, text);
  }
  return filter;
}

/**
 * The desk's rows for a page of orders: buyer, receiver (the phone in full only while the order waits
 * to be shipped), room, lines less refunds, shipment, open requests.
 */
export async function deskRows(db: Executor, orders: readonly ShopOrderRow[], now: Date) {
  const ids = orders.map((o) => o.id);
  const [lines, refunded, shipments, requests, buyers, rooms, receivers] = await Promise.all([
    linesOfOrders(db, ids),
    refundedLines(db, ids),
    shipmentsOfOrders(db, ids),
    requestsOfOrders(db, ids),
    displayNames(db, [...new Set(orders.map((o) => o.buyerId))]),
    sessionTitles(db, [...new Set(orders.flatMap((o) => (o.liveSessionId ? [o.liveSessionId] : [])))]),
    orderReceivers(db, ids),
  ]);
  return orders.map((o) => {
    const own = lines.filter((l) => l.orderId === o.id);
    const refunds = refunded.filter((r) => r.orderId === o.id);
    const remainder = remainderToShip(o, own, refunds);
    const unitsRefunded = new Map(refunds.map((r) => [r.orderLineId, r.units]));
    const shipment = shipments.find((s) => s.orderId === o.id);
    const status = deskStatus(o.state);
    return {
      id: o.id,
      status,
      state: o.state,
      createdAt: o.createdAt,
      paidAt: o.paidAt,
      shipByAt: o.shipByAt,
      remainingMs: status === 'to_ship' && o.shipByAt ? o.shipByAt.getTime() - now.getTime() : null,
      buyer: { id: o.buyerId, displayName: buyers.get(o.buyerId) ?? '' },
      receiver: receiverFor(receivers.get(o.id), status === 'to_ship'),
      liveSession: o.liveSessionId ? { id: o.liveSessionId, title: rooms.get(o.liveSessionId) ?? '' } : null,
      lines: own.map((l) => ({
        productId: l.productId,
        title: l.title,
        spec: l.spec,
        quantity: l.quantity,
        refundedQuantity: Math.min(l.quantity, unitsRefunded.get(l.id) ?? 0),
      })),
      totalFen: o.totalFen,
      refundedFen: remainder.refundedFen,
      // Nothing is paid out for an order never paid, or cancelled (refunded in full).
      payoutFen: status === 'to_pay' || status === 'cancelled' ? 0 : remainder.payoutFen,
      shipment: shipment
        ? {
            carrier: shipment.carrier,
            trackingNumber: shipment.trackingNumber,
            status: shipment.status,
            shippedAt: shipment.shippedAt,
          }
        : null,
      openAftersales: requests.filter((r) => r.orderId === o.id && isOpenRequest(r.state)).length,
    };
  });
}

export type DeskRowView = Awaited<ReturnType<typeof deskRows>>[number];

/** GET /shops/:id/order-desk: a page of the shop's orders as the desk shows them, newest first. */
export async function listDesk(
  db: Executor,
  principal: Principal,
  shopId: number,
  input: DeskFilterInput,
  page: { limit: number; offset: number },
  now: Date,
) {
  await requireShopMember(db, principal, shopId);
  const filter = await resolveFilter(db, shopId, input);
  const found = await searchShopOrders(db, filter, page);
  return {
    items: await deskRows(db, found.items, now),
    total: found.total,
    limit: page.limit,
    offset: page.offset,
  };
}
