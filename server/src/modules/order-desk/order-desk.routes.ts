import { Type } from '@sinclair/typebox';
import type { AppContext } from '../../platform/context.ts';
import { type App, errorBodySchema } from '../../platform/http.ts';
import { type AnyRouteSpec, registerRoutes, route } from '../../platform/route-spec.ts';
import { IdParams } from '../../platform/schemas.ts';
import type { FulfilmentHooks } from '../fulfilment/index.ts';
import { bulkShip } from './bulk-ship.service.ts';
import {
  BulkShipBody,
  BulkShipResult,
  DeskDetail,
  DeskListQuery,
  DeskOrderParams,
  DeskPage,
  ExportQuery,
} from './order-desk.schema.ts';
import { deskDetail } from './order-detail.service.ts';
import { exportOrders } from './order-export.service.ts';
import { listDesk } from './order-list.service.ts';

// Members of the shop (owner and staff), checked in each use case: another shop answers 404.
const merchant = { kinds: ['merchant'] } as const;
const Binary = Type.String({ format: 'binary' });

/** The shop's order desk: every order with filters, one order in full, bulk shipping, export. */
export async function orderDeskRoutes(app: App, ctx: AppContext, hooks: FulfilmentHooks) {
  registerRoutes(app, ['order desk'], orderDeskRouteTable(ctx, hooks));
}

function orderDeskRouteTable({ db, clock, config }: AppContext, hooks: FulfilmentHooks): AnyRouteSpec[] {
  return [
    route({
      method: 'GET',
      url: '/shops/:id/order-desk',
      access: merchant,
      scope: 'orders:read',
      summary:
        "The shop's orders, newest first, filtered by tab, time placed, live room, buyer, product or number",
      description:
        'For the shop owner and staff. Each row has the lines (what was refunded of each), the total, refunds and the amount still to be paid out, the shipment and the count of open after-sales requests. `q` is an order number; `buyer` an account number or part of a login or display name.',
      params: IdParams,
      querystring: DeskListQuery,
      response: { 200: DeskPage, 400: errorBodySchema, 404: errorBodySchema },
      handler: async ({ principal, params, query: { limit = 20, offset = 0, ...filter } }) =>
        listDesk(db, principal, params.id, filter, { limit, offset }, clock.now()),
    }),
    route({
      method: 'GET',
      url: '/shops/:id/order-desk/export',
      access: merchant,
      scope: 'orders:read',
      summary: "The shop's orders matching the desk's filters as a CSV or XLSX download",
      description:
        'Streamed as it is read (at most 50,000 orders). Column names and states in `lang`; times in the platform time zone, named in the column heads; amounts in yuan.',
      params: IdParams,
      querystring: ExportQuery,
      response: {
        200: {
          description: 'the file (Content-Disposition: attachment)',
          content: {
            'text/csv': { schema: Binary },
            'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': { schema: Binary },
          },
        },
        400: errorBodySchema,
        404: errorBodySchema,
      },
      // The file is streamed as it is read: the handler answers itself.
      handler: async ({ principal, params, query: { format, lang, ...filter } }, reply) => {
        const file = await exportOrders(
          db,
          principal,
          params.id,
          { ...filter, format: format as 'csv' | 'xlsx', lang: lang as 'zh' | 'en' | undefined },
          clock.now(),
          config.timeZone,
        );
        return reply
          .header('content-disposition', `attachment; filename="${file.fileName}"`)
          .header('cache-control', 'no-store')
          .type(file.contentType)
          .send(file.stream);
      },
    }),
    route({
      method: 'GET',
      url: '/shops/:id/order-desk/:orderId',
      access: merchant,
      scope: 'orders:read',
      summary:
        'One order of the shop in full: lines, amounts, payment, shipment and tracking, after-sales, timeline, buyer',
      description: "The buyer's phone is masked (138****1234). Another shop's order answers 404.",
      params: DeskOrderParams,
      response: { 200: DeskDetail, 404: errorBodySchema },
      handler: async ({ principal, params }) =>
        deskDetail(db, principal, params.id, params.orderId, clock.now()),
    }),
    route({
      method: 'POST',
      url: '/shops/:id/order-desk/bulk-shipments',
      access: merchant,
      scope: 'orders:ship',
      summary: 'Ship many orders from a file (order number, carrier, waybill): a result per row',
      description:
        'Each row on its own: a bad row is reported with its reason (`reason`, `field`) and the others still ship. Re-running a file ships nothing twice: a row whose order already has that carrier and waybill answers `already_shipped`. At most 500 rows.',
      params: IdParams,
      body: BulkShipBody,
      response: { 200: BulkShipResult, 400: errorBodySchema, 404: errorBodySchema },
      handler: async ({ principal, params, body }) =>
        bulkShip(db, principal, params.id, body.csv, clock.now(), hooks),
    }),
  ];
}
