import { Type } from '@sinclair/typebox';
import type { AppContext } from '../../platform/context.ts';
import { type App, errorBodySchema } from '../../platform/http.ts';
import { sendOutcome } from '../../platform/idempotent-http.ts';
import { type AnyRouteSpec, registerRoutes, route } from '../../platform/route-spec.ts';
import type { IdempotentOutcome } from '../../platform/run-idempotent.ts';
import { Id, IdParams, pageOf } from '../../platform/schemas.ts';
import { requireShopMember } from '../shops/index.ts';
import { BuyerOrderListQuery, BuyerOrderPage } from './buyer-orders.schema.ts';
import { buyerOrderCards, type ReviewedLines } from './buyer-orders.service.ts';
import { CheckoutService } from './checkout.service.ts';
import { type CheckoutPayment, checkoutAndPay } from './checkout-and-pay.ts';
import { quoteCheckout } from './checkout-quote.ts';
import {
  CheckoutBody,
  CheckoutHeaders,
  CheckoutResultSchema,
  OrderDetailSchema,
  OrderListQuery,
  OrderPage,
  QuoteBody,
  QuoteSchema,
} from './orders.schema.ts';
import { buyerCancelsOrder, getOrderDetail, getShopOrderDetail, listOrders } from './orders.service.ts';

const buyer = { kinds: ['buyer'] } as const;
const merchant = { kinds: ['merchant'] } as const;

export async function ordersRoutes(
  app: App,
  ctx: AppContext,
  payment: CheckoutPayment,
  reviewedLines?: ReviewedLines,
) {
  registerRoutes(app, ['orders'], ordersRouteTable(ctx, payment, reviewedLines));
}

/** The orders API as a table: one row per route (access, schemas, the use case it calls). */
function ordersRouteTable(
  ctx: AppContext,
  payment: CheckoutPayment,
  reviewedLines?: ReviewedLines,
): AnyRouteSpec[] {
  const { db, clock } = ctx;
  const checkout = new CheckoutService(db, clock, ctx.settings, ctx.log, {
    startPayments: (tx, starts, now) => payment.startWithCheckout(tx, starts, now),
  });

  return [
    route({
      method: 'POST',
      url: '/checkout',
      access: buyer,
      summary:
        'Turn a cart into one order per shop (an order group), stock reserved until the payment deadline (`marketplace.paymentTimeoutMs`)',
      description:
        "Prices come from the catalogue (a SKU in a running flash sale at its flash price, taking flash-sale stock: `flash_sale_sold_out`, `flash_sale_limit`). Each shop order is delivered to `addressId` (default: the buyer's default address; none: 400 `address_required`; a shop that does not deliver there: 409 `not_delivered`) and carries its shipping fee from the shop's freight template; `couponIds` omitted uses the best combination of the buyer's coupons, `[]` none (a used, expired or foreign coupon: 409 `coupon_unavailable`; two shop coupons on one order or a coupon of a shop not in the cart: 409 `coupon_combination`). The answer carries each order's items, shipping, discounts and total, and each line's paid share. Products pinned in `liveSessionId` (when it is live) carry the room attribution. With `pay`, the new group is paid in the same call (password-free payment); the answer then carries `payment`. Requires an Idempotency-Key header: a replay returns the first answer (with header `idempotent-replayed: true`). Every checkout passes the order placement checkpoint of the trust engine (velocity per buyer, device from the optional `x-device-id` header, shop and SKU): a blocked one is answered 403 `order_blocked` with the reasons.",
      headers: CheckoutHeaders,
      body: CheckoutBody,
      response: {
        201: CheckoutResultSchema,
        400: errorBodySchema,
        403: errorBodySchema,
        409: errorBodySchema,
        422: errorBodySchema,
      },
      handler: async ({ principal, headers, body }, reply) => {
        const outcome = await checkoutAndPay(checkout, payment, {
          buyerId: principal.userId,
          idempotencyKey: headers['idempotency-key'],
          items: body.items,
          liveSessionId: body.liveSessionId,
          addressId: body.addressId,
          couponIds: body.couponIds,
          deviceId: headers['x-device-id'],
          pay: body.pay ? { sandboxOutcome: body.pay.sandboxOutcome ?? null } : undefined,
        });
        return sendOutcome(reply, outcome as IdempotentOutcome<unknown>);
      },
    }),
    route({
      method: 'POST',
      url: '/checkout/quote',
      access: buyer,
      summary: 'The price breakdown of a cart before paying: items, shipping, each discount, payable',
      description:
        "Same body as POST /checkout (without `pay`), computed exactly as checkout computes it; nothing is written and no Idempotency-Key is needed. Lists the buyer's usable coupons with what each would save on this cart and why one does not apply; the coupons chosen are the best combination unless `couponIds` says otherwise. A shop that does not deliver to the address is marked `undeliverable`; with no address yet, `address` is null and no fee is charged.",
      body: QuoteBody,
      response: { 200: QuoteSchema, 400: errorBodySchema, 409: errorBodySchema },
      handler: async ({ principal, body }) =>
        quoteCheckout(
          db,
          clock.now(),
          {
            buyerId: principal.userId,
            items: body.items,
            liveSessionId: body.liveSessionId,
            addressId: body.addressId,
            couponIds: body.couponIds,
          },
          ctx.settings.maxLineQuantity,
        ),
    }),
    route({
      method: 'GET',
      url: '/orders',
      access: buyer,
      summary: "The buyer's orders, newest first, each with its shop's name and its items",
      querystring: BuyerOrderListQuery,
      response: { 200: BuyerOrderPage },
      handler: async ({ principal, query }) =>
        buyerOrderCards(
          db,
          { buyerId: principal.userId, state: query.state, stage: query.stage, ...pageOf(query) },
          reviewedLines,
        ),
    }),
    route({
      method: 'GET',
      url: '/orders/:id',
      access: buyer,
      summary: 'One of the buyer’s orders with lines and timeline',
      params: IdParams,
      response: { 200: OrderDetailSchema },
      handler: async ({ principal, params }) => getOrderDetail(db, params.id, { buyerId: principal.userId }),
    }),
    route({
      method: 'POST',
      url: '/orders/:id/cancel',
      access: buyer,
      summary: 'Cancel an unpaid order (stock goes back on sale)',
      params: IdParams,
      response: { 200: OrderDetailSchema },
      handler: async ({ principal, params }) => buyerCancelsOrder(db, principal, params.id, clock.now()),
    }),
    route({
      method: 'GET',
      url: '/shops/:id/orders',
      access: merchant,
      scope: 'orders:read',
      summary: "A shop's orders, newest first",
      params: IdParams,
      querystring: OrderListQuery,
      response: { 200: OrderPage },
      handler: async ({ principal, params, query }) => {
        await requireShopMember(db, principal, params.id);
        return listOrders(db, { shopId: params.id, state: query.state, ...pageOf(query) });
      },
    }),
    route({
      method: 'GET',
      url: '/shops/:id/orders/:orderId',
      access: merchant,
      scope: 'orders:read',
      summary: "One of the shop's orders with lines and timeline",
      params: Type.Object({ id: Id, orderId: Id }),
      response: { 200: OrderDetailSchema },
      handler: async ({ principal, params }) => getShopOrderDetail(db, principal, params.id, params.orderId),
    }),
  ];
}
