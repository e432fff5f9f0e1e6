import type { AppContext } from '../../platform/context.ts';
import { type App, errorBodySchema } from '../../platform/http.ts';
import { type AnyRouteSpec, registerRoutes, route } from '../../platform/route-spec.ts';
import { IdParams, Pagination, pageOf } from '../../platform/schemas.ts';
import {
  FulfilmentSchema,
  SandboxEventBody,
  ShipBody,
  ShopOrderParams,
  ToShipPage,
} from './fulfilment.schema.ts';
import { type FulfilmentHooks, noFulfilmentHooks } from './fulfilment-hooks.ts';
import { buyerFulfilment, ordersToShip, shopFulfilment } from './fulfilment-read.service.ts';
import { confirmReceipt } from './receipt.service.ts';
import { shipOrder } from './shipping.service.ts';
import { postSandboxEvent } from './tracking.service.ts';

const buyer = { kinds: ['buyer'] } as const;
const merchant = { kinds: ['merchant'] } as const;
// Shop members for their own shipments; ops accounts must hold super_admin (checked in the use case).
const carrierOperator = { kinds: ['merchant', 'ops'] } as const;
const refusals = { 400: errorBodySchema, 404: errorBodySchema, 409: errorBodySchema };

export async function fulfilmentRoutes(
  app: App,
  ctx: AppContext,
  hooks: FulfilmentHooks = noFulfilmentHooks,
) {
  registerRoutes(app, ['fulfilment'], fulfilmentRouteTable(ctx, hooks));
}

/** The fulfilment API as a table: one row per route (access, schemas, the use case it calls). */
function fulfilmentRouteTable({ db, clock, settings }: AppContext, hooks: FulfilmentHooks): AnyRouteSpec[] {
  return [
    route({
      method: 'POST',
      url: '/shops/:id/orders/:orderId/shipment',
      access: merchant,
      scope: 'orders:ship',
      summary: 'Ship a paid order: carrier and waybill; the order becomes shipped',
      description:
        'One shipment per order (409 on a second, and for a waybill already used). An unpaid or cancelled order answers 409, and so does an order whose every unit was refunded before shipment (`order_refunded`); what was refunded of a line is not shipped. The ship-by promise is kept when the carrier picks the parcel up before `shipByAt`; otherwise the buyer is compensated automatically (晚发立赔).',
      params: ShopOrderParams,
      body: ShipBody,
      response: { 201: FulfilmentSchema, ...refusals },
      status: 201,
      handler: async ({ principal, params, body }) =>
        shipOrder(db, principal, { shopId: params.id, orderId: params.orderId, ...body }, clock.now(), hooks),
    }),
    route({
      method: 'GET',
      url: '/shops/:id/orders/:orderId/shipment',
      access: merchant,
      scope: 'orders:read',
      summary: "One of the shop's orders: shipment, tracking timeline and broken promises",
      params: ShopOrderParams,
      response: { 200: FulfilmentSchema, 404: errorBodySchema },
      handler: async ({ principal, params }) => shopFulfilment(db, principal, params.id, params.orderId),
    }),
    route({
      method: 'GET',
      url: '/shops/:id/orders-to-ship',
      access: merchant,
      scope: 'orders:read',
      summary: "The shop's paid orders waiting for shipment, most urgent ship-by promise first",
      description:
        'Each order lists the lines and units still to ship and the amount still to be paid out: units refunded before shipment (极速退款) are taken off, and an order with every unit refunded is not listed.',
      params: IdParams,
      querystring: Pagination,
      response: { 200: ToShipPage, 404: errorBodySchema },
      handler: async ({ principal, params, query }) =>
        ordersToShip(db, principal, params.id, clock.now(), pageOf(query), hooks),
    }),
    route({
      method: 'POST',
      url: '/shipments/:id/sandbox-events',
      access: carrierOperator,
      summary: 'Sandbox carrier: report a tracking event of a sandbox shipment',
      description:
        'For tests and demos. Events follow the parcel: picked_up, in_transit (repeatable), then delivered or lost; out of order answers 409 naming `event`. `delivered` moves the order to delivered and starts the 10-day auto-confirm; `lost` is recorded for after-sales. Allowed to members of the shipping shop and ops super admins.',
      params: IdParams,
      body: SandboxEventBody,
      response: { 201: FulfilmentSchema, 403: errorBodySchema, ...refusals },
      status: 201,
      handler: async ({ principal, params, body }) =>
        postSandboxEvent(db, principal, params.id, body, clock.now(), settings, hooks),
    }),
    route({
      method: 'GET',
      url: '/orders/:id/shipment',
      access: buyer,
      summary: "One of the buyer's orders: shipment, tracking timeline and broken promises",
      params: IdParams,
      response: { 200: FulfilmentSchema, 404: errorBodySchema },
      handler: async ({ principal, params }) => buyerFulfilment(db, principal.userId, params.id),
    }),
    route({
      method: 'POST',
      url: '/orders/:id/confirm-receipt',
      access: buyer,
      summary: 'Confirm receipt of a shipped or delivered order; the order completes',
      description: 'Possible before the carrier reports delivery. Any other order state answers 409.',
      params: IdParams,
      response: { 200: FulfilmentSchema, 404: errorBodySchema, 409: errorBodySchema },
      handler: async ({ principal, params }) =>
        confirmReceipt(db, principal, params.id, clock.now(), settings),
    }),
  ];
}
