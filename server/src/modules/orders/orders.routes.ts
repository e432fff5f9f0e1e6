import { Type } from '@sinclair/typebox';
import type { AppContext } from '../../platform/context.ts';
import { type App, errorBodySchema } from '../../platform/http.ts';
import { Id, IdParams } from '../../platform/schemas.ts';
import { requireShopMember } from '../shops/index.ts';
import { BuyerOrderListQuery, BuyerOrderPage } from './buyer-orders.schema.ts';
import { buyerOrderCards, type ReviewedLines } from './buyer-orders.service.ts';
import { CheckoutService, type StartPayments } from './checkout.service.ts';
import {
  CheckoutBody,
  CheckoutHeaders,
  CheckoutResultSchema,
  OrderDetailSchema,
  OrderListQuery,
  OrderPage,
} from './orders.schema.ts';
import { buyerCancelsOrder, getOrderDetail, getShopOrderDetail, listOrders } from './orders.service.ts';

const buyer = { kinds: ['buyer'] } as const;
const merchant = { kinds: ['merchant'] } as const;

type SandboxOutcome = 'succeed' | 'fail' | 'timeout' | null;
type PayAnswer = Promise<{ status: number; replayed: boolean } & ({ payment: object } | { error: object })>;

/** Pay-at-checkout: the payment module, injected by the composition root (app.ts). */
export interface CheckoutPayment {
  startWithCheckout: StartPayments;
  complete(paymentId: number, amountFen: number, sandboxOutcome: SandboxOutcome): Promise<object>;
  pay(request: {
    buyerId: number;
    groupId: number;
    idempotencyKey: string;
    sandboxOutcome: SandboxOutcome;
  }): PayAnswer;
}

export async function ordersRoutes(
  app: App,
  ctx: AppContext,
  payment: CheckoutPayment,
  reviewedLines?: ReviewedLines,
) {
  const { db, clock } = ctx;
  const checkout = new CheckoutService(db, clock, ctx.settings, ctx.log, {
    startPayments: (tx, starts, now) => payment.startWithCheckout(tx, starts, now),
  });
  const tags = ['orders'];

  app.post(
    '/checkout',
    {
      config: { access: buyer },
      schema: {
        tags,
        summary:
          'Turn a cart into one order per shop (an order group), stock reserved until the payment deadline (`marketplace.paymentTimeoutMs`)',
        description:
          'Prices come from the catalogue. Products pinned in `liveSessionId` (when it is live) carry the room attribution. With `pay`, the new group is paid in the same call (password-free payment); the answer then carries `payment`. Requires an Idempotency-Key header: a replay returns the first answer (with header `idempotent-replayed: true`). Every checkout passes the order placement checkpoint of the trust engine (velocity per buyer, device from the optional `x-device-id` header, shop and SKU): a blocked one is answered 403 `order_blocked` with the reasons.',
        headers: CheckoutHeaders,
        body: CheckoutBody,
        response: {
          201: CheckoutResultSchema,
          403: errorBodySchema,
          409: errorBodySchema,
          422: errorBodySchema,
        },
      },
    },
    async (request, reply) => {
      const outcome = await checkout.checkout({
        buyerId: request.principal!.userId,
        idempotencyKey: request.headers['idempotency-key'],
        items: request.body.items,
        liveSessionId: request.body.liveSessionId,
        deviceId: request.headers['x-device-id'],
        pay: request.body.pay ? { sandboxOutcome: request.body.pay.sandboxOutcome ?? null } : undefined,
      });
      if (outcome.replayed) reply.header('idempotent-replayed', 'true');
      const pay = request.body.pay;
      if (!pay || outcome.status !== 201 || !('groupId' in outcome.body)) {
        return reply.status(outcome.status as 201).send(outcome.body as never);
      }
      // One tap: the payment started with the checkout is charged now; a replay finds it by its key.
      let paymentView: object;
      if (outcome.paymentId !== undefined) {
        paymentView = await payment.complete(
          outcome.paymentId,
          outcome.body.totalFen,
          pay.sandboxOutcome ?? null,
        );
      } else {
        const paid = await payment.pay({
          buyerId: request.principal!.userId,
          groupId: outcome.body.groupId,
          idempotencyKey: `${request.headers['idempotency-key']}:pay`,
          sandboxOutcome: pay.sandboxOutcome ?? null,
        });
        paymentView = 'payment' in paid ? paid.payment : paid;
      }
      // The orders the answer lists were just paid when the payment succeeded.
      const paidNow = (paymentView as { state?: string }).state === 'succeeded';
      const orders = outcome.body.orders.map((o) => (paidNow ? { ...o, state: 'paid' as const } : o));
      return reply.status(201).send({ ...outcome.body, orders, payment: paymentView } as never);
    },
  );

  app.get(
    '/orders',
    {
      config: { access: buyer },
      schema: {
        tags,
        summary: "The buyer's orders, newest first, each with its shop's name and its items",
        querystring: BuyerOrderListQuery,
        response: { 200: BuyerOrderPage },
      },
    },
    async (request) =>
      buyerOrderCards(
        db,
        {
          buyerId: request.principal!.userId,
          state: request.query.state,
          stage: request.query.stage,
          limit: request.query.limit ?? 20,
          offset: request.query.offset ?? 0,
        },
        reviewedLines,
      ),
  );

  app.get(
    '/orders/:id',
    {
      config: { access: buyer },
      schema: {
        tags,
        summary: 'One of the buyer’s orders with lines and timeline',
        params: IdParams,
        response: { 200: OrderDetailSchema },
      },
    },
    async (request) => getOrderDetail(db, request.params.id, { buyerId: request.principal!.userId }),
  );

  app.post(
    '/orders/:id/cancel',
    {
      config: { access: buyer },
      schema: {
        tags,
        summary: 'Cancel an unpaid order (stock goes back on sale)',
        params: IdParams,
        response: { 200: OrderDetailSchema },
      },
    },
    async (request) => buyerCancelsOrder(db, request.principal!, request.params.id, clock.now()),
  );

  app.get(
    '/shops/:id/orders',
    {
      config: { access: merchant },
      schema: {
        tags,
        summary: "A shop's orders, newest first",
        params: IdParams,
        querystring: OrderListQuery,
        response: { 200: OrderPage },
      },
    },
    async (request) => {
      await requireShopMember(db, request.principal!, request.params.id);
      return listOrders(db, {
        shopId: request.params.id,
        state: request.query.state,
        limit: request.query.limit ?? 20,
        offset: request.query.offset ?? 0,
      });
    },
  );

  app.get(
    '/shops/:id/orders/:orderId',
    {
      config: { access: merchant },
      schema: {
        tags,
        summary: "One of the shop's orders with lines and timeline",
        params: Type.Object({ id: Id, orderId: Id }),
        response: { 200: OrderDetailSchema },
      },
    },
    async (request) => getShopOrderDetail(db, request.principal!, request.params.id, request.params.orderId),
  );
}
