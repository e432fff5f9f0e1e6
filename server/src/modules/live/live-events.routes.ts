import { Type } from '@sinclair/typebox';
import type { AppContext } from '../../platform/context.ts';
import type { App } from '../../platform/http.ts';
import { registerRoutes } from '../../platform/route-spec.ts';
import { IdParams } from '../../platform/schemas.ts';
import { type LiveCommentFeed, LiveEventHub, type LiveEventHubOptions } from './live-events.hub.ts';
import { LiveEventSchema } from './live-events.schema.ts';
import { liveRoomRouteTable } from './live-room.routes.ts';
import type { LiveSalesReader } from './live-room.service.ts';

const EventsQuery = Type.Object({
  viewer: Type.Optional(
    Type.String({
      pattern: '^[A-Za-z0-9_-]{8,64}$',
      description:
        "the client's anonymous viewer id (kept in the browser), so a signed-out viewer counts once among unique viewers; a signed-in caller (bearer token) counts as their account",
    }),
  ),
});

/** The live room's server-sent events; the hub ends every stream when the app closes. */
export async function liveEventsRoutes(
  app: App,
  ctx: AppContext,
  comments: LiveCommentFeed,
  options: LiveEventHubOptions & { sales?: LiveSalesReader } = {},
): Promise<LiveEventHub> {
  const hub = new LiveEventHub(ctx.db, ctx.pubsub, comments, options);
  // Likes, the featured product and the room's figures: they need this process's hub.
  registerRoutes(app, ['live'], liveRoomRouteTable(ctx, hub, options.sales));
  // Before the server waits for open connections: a stream would otherwise keep close() waiting.
  app.addHook('preClose', async () => hub.close());
  app.addHook('onClose', async () => hub.close());

  app.get(
    '/live/sessions/:id/events',
    {
      config: { access: 'public' },
      schema: {
        tags: ['live'],
        summary: 'The live room as server-sent events (EventSource): comments, pins, stock, session state',
        description: [
          'A `text/event-stream` that stays open; each message has `event:` a name and `data:` JSON.',
          'Works across server processes (changes travel through PostgreSQL LISTEN/NOTIFY).',
          'A comment line (`: heartbeat`) comes every 15 s. Events:',
          '- `snapshot` — first on every (re)connection: `{session, pins, comments}`: the session as GET /live/sessions/{id}, the pinned products with their SKUs and stock, the latest visible comments;',
          '- `comment` — a new visible comment (as GET /live/sessions/{id}/comments items); comments that screening hides are never sent;',
          '- `pins` — the whole pinned list (same shape as `snapshot.pins`) after a pin or unpin;',
          "- `stock` — `{skuId, productId, stock, totalStock}` when a pinned SKU's stock changes (within about a second);",
          '- `session` — `{id, state, reason?}` when the session starts, ends, or is stopped by governance or ops;',
          '- `viewers` — `{current}`: viewers now over every server process (every few seconds, when it changed);',
          '- `likes` — `{total}` (coalesced: a few per second at most);',
          '- `featured` — the featured product card (讲解中) or null;',
          '- `offers` — `{}`: coupons or flash sales of the room changed; refetch them.',
          'The snapshot also has `featured`, `likes` and `viewers`.',
          'An unknown session answers 404 before the stream starts.',
        ].join('\n'),
        params: IdParams,
        querystring: EventsQuery,
        response: {
          200: {
            description: 'the event stream (the schema describes each message as {event, data})',
            content: { 'text/event-stream': { schema: LiveEventSchema } },
          },
        },
      },
    },
    async (request, reply) => {
      const { viewer } = request.query as { viewer?: string };
      const key = request.principal ? `u:${request.principal.userId}` : viewer ? `a:${viewer}` : undefined;
      await hub.open(request.params.id, reply.raw, () => reply.hijack(), key);
      return reply;
    },
  );
  return hub;
}
