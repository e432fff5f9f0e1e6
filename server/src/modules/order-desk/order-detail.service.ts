import type { Principal } from '../../platform/access.ts';
import type { Executor } from '../../platform/db.ts';
import { notFound } from '../../platform/errors.ts';
import { refundedLines, requestsOfOrders } from '../aftersales/index.ts';
import { fulfilmentView } from '../fulfilment/index.ts';
import { contactsOf, maskPhone } from '../identity/index.ts';
import { getOrderDetail, searchShopOrders } from '../orders/index.ts';
import { paymentsOfOrder, refundsOfOrder } from '../payments/index.ts';
import { requireShopMember } from '../shops/index.ts';
import { deskRows } from './order-list.service.ts';

/**
 * GET /shops/:id/order-desk/:orderId: one order of the shop with everything the desk shows: lines with
 * what was refunded of each, payment and refunds, shipment and its tracking, after-sales requests, the
 * order's timeline, the buyer (phone masked), the receiver (in full while the order waits to be shipped)
 * and the amounts: items, shipping, the shop's and the platform's discount, what the buyer paid. Another
 * shop's order answers 404.
 */
export async function deskDetail(
  db: Executor,
  principal: Principal,
  shopId: number,
  orderId: number,
  now: Date,
) {
  await requireShopMember(db, principal, shopId);
  const found = await searchShopOrders(db, { shopId, orderId }, { limit: 1, offset: 0 });
  const order = found.items[0];
  if (!order) throw notFound('order', orderId);
  const [[row], detail, refunded, payments, refunds, fulfilment, requests, contacts] = await Promise.all([
    deskRows(db, [order], now),
    getOrderDetail(db, orderId, { shopId }),
    refundedLines(db, [orderId]),
    paymentsOfOrder(db, orderId),
    refundsOfOrder(db, orderId),
    fulfilmentView(db, orderId),
    requestsOfOrders(db, [orderId]),
    contactsOf(db, [order.buyerId]),
  ]);
  const contact = contacts.get(order.buyerId);
  const payment = payments.find((p) => p.state === 'succeeded') ?? payments.at(-1) ?? null;
  return {
    ...row!,
    buyer: {
      id: order.buyerId,
      displayName: contact?.displayName ?? '',
      phone: maskPhone(contact?.phone ?? null),
    },
    amounts: {
      itemsFen: detail.itemsFen,
      shippingFen: detail.shippingFen,
      shopDiscountFen: detail.shopDiscountFen,
      platformDiscountFen: detail.platformDiscountFen,
      totalFen: detail.totalFen,
    },
    lines: detail.lines.map((l) => {
      const r = refunded.find((x) => x.orderLineId === l.id);
      return {
        id: l.id,
        productId: l.productId,
        skuId: l.skuId,
        title: l.title,
        spec: l.spec,
        unitPriceFen: l.unitPriceFen,
        quantity: l.quantity,
        lineFen: l.lineFen,
        flashSaleId: l.flashSaleId,
        listUnitPriceFen: l.listUnitPriceFen,
        shopDiscountFen: l.shopDiscountFen,
        platformDiscountFen: l.platformDiscountFen,
        paidFen: l.paidFen,
        refundedQuantity: Math.min(l.quantity, r?.units ?? 0),
        refundedFen: r?.fen ?? 0,
      };
    }),
    payment: payment
      ? {
          id: payment.id,
          provider: payment.provider,
          state: payment.state,
          amountFen: payment.amountFen,
          completedAt: payment.completedAt,
        }
      : null,
    refunds: refunds.map((r) => ({
      id: r.id,
      amountFen: r.amountFen,
      state: r.state,
      createdAt: r.createdAt,
      completedAt: r.completedAt,
    })),
    tracking: fulfilment.shipment?.events ?? [],
    incidents: fulfilment.incidents.map((i) => ({ kind: i.kind, at: i.at })),
    autoConfirmAt: fulfilment.autoConfirmAt,
    aftersales: requests.map((r) => ({
      id: r.id,
      orderLineId: r.orderLineId,
      type: r.type,
      reason: r.reason,
      state: r.state,
      quantity: r.quantity,
      requestedFen: r.requestedFen,
      approvedFen: r.approvedFen,
      createdAt: r.createdAt,
    })),
    timeline: detail.timeline.map((e) => ({
      fromState: e.fromState,
      toState: e.toState,
      actorKind: e.actorKind,
      at: e.at,
    })),
  };
}
