import { Type } from '@sinclair/typebox';
import type { AppContext } from '../../platform/context.ts';
import { type AnyRouteSpec, route } from '../../platform/route-spec.ts';
import { Id, IdParams } from '../../platform/schemas.ts';
import type { LiveEventHub } from './live-events.hub.ts';
import { FeaturedProductSchema } from './live-events.schema.ts';
import { addLikes, type LiveSalesReader, roomStats, setFeatured } from './live-room.service.ts';

const LikesBody = Type.Object(
  { count: Type.Integer({ minimum: 1, maximum: 50, description: 'taps since the last send (1–50)' }) },
  { additionalProperties: false },
);

const FeaturedBody = Type.Object(
  {
    productId: Type.Union([Id, Type.Null()], {
      description: 'a product pinned in the session, or null to stop featuring',
    }),
  },
  { additionalProperties: false },
);

const StatsSchema = Type.Object({
  viewers: Type.Integer({ minimum: 0, description: 'viewers now over every server process' }),
  peakViewers: Type.Integer({ minimum: 0 }),
  uniqueViewers: Type.Integer({ minimum: 0 }),
  watchSeconds: Type.Integer({ minimum: 0, description: 'total watch time of every viewer' }),
  likes: Type.Integer({ minimum: 0 }),
  orders: Type.Union([Type.Integer({ minimum: 0 }), Type.Null()], {
    description: 'paid orders placed in the room (null: not available)',
  }),
  gmvFen: Type.Union([Type.Integer({ minimum: 0 }), Type.Null()], {
    description: 'their amount in fen (null: not available)',
  }),
  featuredProductId: Type.Union([Id, Type.Null()], { description: 'the product presented now (讲解中)' }),
});

const hosts = { kinds: ['creator', 'merchant'] } as const;

/** The live room's likes, featured product and figures (they use this process's event hub). */
export function liveRoomRouteTable(
  { db, clock }: AppContext,
  hub: LiveEventHub,
  sales?: LiveSalesReader,
): AnyRouteSpec[] {
  return [
    route({
      method: 'POST',
      url: '/live/sessions/:id/likes',
      access: 'user',
      summary: 'Like a live room (a burst of 1–50 taps); answers the total',
      description:
        'Only while the session is live (409 otherwise). Viewers get the total as a `likes` event, a few times a second at most.',
      params: IdParams,
      body: LikesBody,
      response: { 200: Type.Object({ total: Type.Integer({ minimum: 0 }) }) },
      handler: async ({ params, body }) => {
        const total = await addLikes(db, params.id, body.count);
        hub.noteLikes(params.id, total);
        return { total };
      },
    }),
    route({
      method: 'PUT',
      url: '/live/sessions/:id/featured',
      access: hosts,
      summary: 'Feature a pinned product (讲解中), or stop (null) — host or shop staff, while live',
      description:
        'Viewers get the card as a `featured` event. 400 naming `productId` when it is not pinned in the session; unpinning the featured product stops featuring it.',
      params: IdParams,
      body: FeaturedBody,
      response: { 200: Type.Object({ featured: Type.Union([FeaturedProductSchema, Type.Null()]) }) },
      handler: async ({ principal, params, body }) => ({
        featured: await setFeatured(db, clock, principal, params.id, body.productId),
      }),
    }),
    route({
      method: 'GET',
      url: '/live/sessions/:id/stats',
      access: hosts,
      summary:
        "The room's figures for its host: viewers now, peak, unique viewers, watch time, likes, orders, GMV",
      description:
        'Viewers are counted over every server process (each reports its own every few seconds; a process that stops reporting stops counting after about 15 s).',
      params: IdParams,
      response: { 200: StatsSchema },
      handler: async ({ principal, params }) =>
        roomStats(db, principal, params.id, { staleMs: hub.viewerPresence.staleMs, sales }),
    }),
  ];
}
