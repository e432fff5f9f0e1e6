import type { AppContext } from '../../platform/context.ts';
import type { App } from '../../platform/http.ts';
import { type AnyRouteSpec, registerRoutes, route } from '../../platform/route-spec.ts';
import { IdParams } from '../../platform/schemas.ts';
import { listShopFlashSales, liveRoomFlashSales, productFlashSales } from './flash-sales.read.ts';
import {
  CreateBody,
  EmptyBody,
  FlashSalePage,
  FlashSaleSchema,
  FlashSalesNow,
  LiveCreateBody,
  ShopListQuery,
  ShopSaleParams,
} from './flash-sales.schema.ts';
import { cancelFlashSale, createLiveFlashSale, createShopFlashSale } from './flash-sales.service.ts';

const merchants = { kinds: ['merchant'] } as const;
const hosts = { kinds: ['creator', 'merchant'] } as const;

export async function flashSalesRoutes(app: App, ctx: AppContext) {
  registerRoutes(app, ['flash-sales'], flashSalesRouteTable(ctx));
}

/** The flash-sale (秒杀) API as a table: one row per route. */
function flashSalesRouteTable({ db, clock }: AppContext): AnyRouteSpec[] {
  return [
    route({
      method: 'GET',
      url: '/shops/:id/flash-sales',
      access: merchants,
      summary: "The shop's flash sales (秒杀), newest first",
      params: IdParams,
      querystring: ShopListQuery,
      response: { 200: FlashSalePage },
      handler: async ({ principal, params, query: { state, limit = 20, offset = 0 } }) =>
        listShopFlashSales(db, principal, params.id, { state, limit, offset }),
    }),
    route({
      method: 'POST',
      url: '/shops/:id/flash-sales',
      access: merchants,
      summary: 'Schedule a flash sale on a SKU of the shop',
      description:
        "The price is above 0 and below the SKU's price; the cap is 1 to the SKU's stock; the per-buyer limit 1 to the cap; the window 1 minute to 24 hours, starting now or later (within 30 days). A SKU has at most one scheduled or running sale (409 flash_sale_overlap). The sale starts and ends by itself at its times.",
      params: IdParams,
      body: CreateBody,
      response: { 201: FlashSaleSchema },
      status: 201,
      handler: async ({ principal, params, body }) =>
        createShopFlashSale(db, clock, principal, params.id, {
          ...body,
          startsAt: new Date(body.startsAt),
          endsAt: new Date(body.endsAt),
        }),
    }),
    route({
      method: 'POST',
      url: '/shops/:id/flash-sales/:saleId/cancel',
      access: merchants,
      summary: 'Cancel a scheduled or running flash sale (units already sold stay sold)',
      params: ShopSaleParams,
      body: EmptyBody,
      response: { 200: FlashSaleSchema },
      handler: async ({ principal, params }) =>
        cancelFlashSale(db, clock, principal, params.id, params.saleId),
    }),
    route({
      method: 'POST',
      url: '/live/sessions/:id/flash-sales',
      access: hosts,
      summary: '上架秒杀: offer a flash sale on a pinned product while the room is live (host or shop staff)',
      description:
        "The product must be pinned in the session and belong to the hosting shop; the sale starts now (or at `startsAt`) and lasts `durationSeconds`. The room's viewers are told (`offers` event) and refetch GET /live/sessions/:id/flash-sales.",
      params: IdParams,
      body: LiveCreateBody,
      response: { 201: FlashSaleSchema },
      status: 201,
      handler: async ({ principal, params, body: { startsAt, ...rest } }) =>
        createLiveFlashSale(db, clock, principal, params.id, {
          ...rest,
          ...(startsAt === undefined ? {} : { startsAt: new Date(startsAt) }),
        }),
    }),
    route({
      method: 'GET',
      url: '/live/sessions/:id/flash-sales',
      access: 'public',
      summary: "A live room's running and upcoming flash sales, with the server's time for countdowns",
      params: IdParams,
      response: { 200: FlashSalesNow },
      handler: async ({ params }) => liveRoomFlashSales(db, clock, params.id),
    }),
    route({
      method: 'GET',
      url: '/products/:id/flash-sale',
      access: 'public',
      summary: "A product's running and upcoming flash sales, with the server's time for countdowns",
      params: IdParams,
      response: { 200: FlashSalesNow },
      handler: async ({ params }) => productFlashSales(db, clock, params.id),
    }),
  ];
}
