import type { AppContext } from '../../platform/context.ts';
import type { App } from '../../platform/http.ts';
import { IdParams } from '../../platform/schemas.ts';
import { type LiveCommentFeed, LiveEventHub, type LiveEventHubOptions } from './live-events.hub.ts';
import { LiveEventSchema } from './live-events.schema.ts';

/** The live room's server-sent events; the hub ends every stream when the app closes. */
export async function liveEventsRoutes(
  app: App,
  ctx: AppContext,
  comments: LiveCommentFeed,
  options: LiveEventHubOptions = {},
): Promise<LiveEventHub> {
  const hub = new LiveEventHub(ctx.db, ctx.pubsub, comments, options);
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
          '- `session` — `{id, state, reason?}` when the session starts, ends, or is stopped by governance or ops.',
          'An unknown session answers 404 before the stream starts.',
        ].join('\n'),
        params: IdParams,
        response: {
          200: {
            description: 'the event stream (the schema describes each message as {event, data})',
            content: { 'text/event-stream': { schema: LiveEventSchema } },
          },
        },
      },
    },
    async (request, reply) => {
      await hub.open(request.params.id, reply.raw, () => reply.hijack());
      return reply;
    },
  );
  return hub;
}
