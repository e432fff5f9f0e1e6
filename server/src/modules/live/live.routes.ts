import { Type } from '@sinclair/typebox';
import type { AppContext } from '../../platform/context.ts';
import type { App } from '../../platform/http.ts';
import { ReadCache } from '../../platform/read-cache.ts';
import { type AnyRouteSpec, registerRoutes, route } from '../../platform/route-spec.ts';
import { IdParams, Ok } from '../../platform/schemas.ts';
import {
  EditBody,
  EmptyBody,
  LiveSessionDetailSchema,
  LiveSessionPage,
  LiveSessionSchema,
  MyListQuery,
  PinBody,
  PinnedProductSchema,
  PinParams,
  PublicListQuery,
  ScheduleBody,
  TerminateBody,
} from './live.schema.ts';
import {
  editSession,
  endSession,
  type LiveTitleGate,
  scheduleSession,
  startSession,
  terminateSession,
} from './live.service.ts';
import { pinProduct, unpinProduct } from './live-pins.service.ts';
import {
  getSessionDetail,
  listFollowingLive,
  listMySessions,
  listPublicSessions,
} from './live-read.service.ts';

const hosts = { kinds: ['creator', 'merchant'] } as const;

export async function liveRoutes(app: App, ctx: AppContext, titleGate?: LiveTitleGate) {
  registerRoutes(app, ['live'], liveRouteTable(ctx, titleGate));
}

// Public reads come from the read cache: a session's change (state, title, pins) or its products' and
// shop's invalidates them at once (migration 0106); stock counts of pinned products are at most this old.
// Their loads read the primary even with a replica (an invalidation followed by a load from a replica
// that has not replayed the change would keep the old row): only the uncached lists read `readDb`.
const PUBLIC_READ_TTL_MS = 5_000;
const json = 'application/json; charset=utf-8';

/** The live-session API as a table: one row per route (access, schemas, the use case it calls). */
function liveRouteTable({ db, clock, pubsub }: AppContext, titleGate?: LiveTitleGate): AnyRouteSpec[] {
  const cache = new ReadCache(pubsub);
  return [
    route({
      method: 'GET',
      url: '/live/sessions',
      access: 'public',
      summary: 'Live rooms on air now, or upcoming ones',
      querystring: PublicListQuery,
      response: { 200: LiveSessionPage },
      handler: async ({ query: { state = 'live', limit = 20, offset = 0 } }, reply) => {
        const body = await cache.json(
          `sessions:${state}:${limit}:${offset}`,
          PUBLIC_READ_TTL_MS,
          async () => ({ value: await listPublicSessions(db, { state, limit, offset }), tags: ['live'] }),
          (page) => reply.serialize(page) as string,
        );
        return reply.type(json).send(body);
      },
    }),
    route({
      method: 'GET',
      url: '/live/sessions/:id',
      access: 'public',
      summary: 'A live session with its pinned products (挂车) in pin order',
      params: IdParams,
      response: { 200: LiveSessionDetailSchema },
      handler: async ({ params }, reply) => {
        const body = await cache.json(
          `session:${params.id}`,
          PUBLIC_READ_TTL_MS,
          async () => {
            const detail = await getSessionDetail(db, params.id);
            const tags = [`live:${detail.id}`, ...detail.pins.map((p) => `product:${p.productId}`)];
            if (detail.shop) tags.push(`shop:${detail.shop.id}`);
            return { value: detail, tags };
          },
          (detail) => reply.serialize(detail) as string,
        );
        return reply.type(json).send(body);
      },
    }),
    route({
      method: 'GET',
      url: '/me/following/live',
      access: { kinds: ['buyer', 'creator', 'merchant'] },
      summary: 'Sessions on air now of the hosts and shops I follow, latest start first (at most 100)',
      reads: 'replica',
      response: { 200: Type.Object({ items: Type.Array(LiveSessionSchema) }) },
      handler: async ({ principal, readDb }) => listFollowingLive(readDb ?? db, principal.userId),
    }),
    route({
      method: 'GET',
      url: '/me/live/sessions',
      access: hosts,
      summary: "A creator's own sessions, or those of the merchant's shops; newest first",
      reads: 'replica',
      querystring: MyListQuery,
      response: { 200: LiveSessionPage },
      handler: async ({ principal, query: { state, limit = 20, offset = 0 }, readDb }) =>
        listMySessions(readDb ?? db, principal, { state, limit, offset }),
    }),
    route({
      method: 'POST',
      url: '/live/sessions',
      access: hosts,
      summary: 'Schedule a live session (creators: own room; merchants: for a shop)',
      description:
        'The title passes the live_title checkpoint of the trust engine (text screening, then the policy): a blocked title is refused with 400 naming `title` and the reason, and nothing is scheduled; one sent to review is scheduled and a review case opened.',
      body: ScheduleBody,
      response: { 201: LiveSessionSchema },
      status: 201,
      handler: async ({ principal, body: { scheduledAt, ...rest } }) =>
        scheduleSession(db, clock, principal, { ...rest, scheduledAt: new Date(scheduledAt) }, titleGate),
    }),
    route({
      method: 'PATCH',
      url: '/live/sessions/:id',
      access: hosts,
      summary:
        'Change the title or time of a scheduled session, the title of a live one, or its stream address (host)',
      description:
        'A new title passes the live_title checkpoint of the trust engine: a blocked title is refused with 400 naming `title` and the reason. While the session is live, a high-risk title (e.g. off-platform contact details) ends it at once (紧急关播): the answer is the session, now `terminated` with the reason, and governance records a live_high_risk violation. The time can change only while the session is scheduled.',
      params: IdParams,
      body: EditBody,
      response: { 200: LiveSessionSchema },
      handler: async ({ principal, params, body: { scheduledAt, ...rest } }) =>
        editSession(
          db,
          clock,
          principal,
          params.id,
          { ...rest, scheduledAt: scheduledAt === undefined ? undefined : new Date(scheduledAt) },
          titleGate,
        ),
    }),
    route({
      method: 'POST',
      url: '/live/sessions/:id/start',
      access: hosts,
      summary: 'Go live (host); a host is live at most once at a time',
      params: IdParams,
      body: EmptyBody,
      response: { 200: LiveSessionSchema },
      handler: async ({ principal, params }) => startSession(db, clock, principal, params.id),
    }),
    route({
      method: 'POST',
      url: '/live/sessions/:id/end',
      access: hosts,
      summary: 'End the live session (host)',
      params: IdParams,
      body: EmptyBody,
      response: { 200: LiveSessionSchema },
      handler: async ({ principal, params }) => endSession(db, clock, principal, params.id),
    }),
    route({
      method: 'POST',
      url: '/live/sessions/:id/pins',
      access: hosts,
      summary: 'Pin a product (挂车) while scheduled or live (host)',
      description:
        "A shop's room pins its own listed products; a creator pins any listed product offered with a creator commission, at that rate. At most 50 at once.",
      params: IdParams,
      body: PinBody,
      response: { 201: PinnedProductSchema },
      status: 201,
      handler: async ({ principal, params, body }) =>
        pinProduct(db, clock, principal, params.id, body.productId),
    }),
    route({
      method: 'DELETE',
      url: '/live/sessions/:id/pins/:productId',
      access: hosts,
      summary: 'Unpin a product (host)',
      params: PinParams,
      response: { 200: Ok },
      handler: async ({ principal, params }) => {
        await unpinProduct(db, clock, principal, params.id, params.productId);
        return { ok: true as const };
      },
    }),
    route({
      method: 'POST',
      url: '/ops/live/sessions/:id/terminate',
      access: { ops: ['super_admin'] },
      summary: 'Stop a live session for a violation (super admin)',
      params: IdParams,
      body: TerminateBody,
      response: { 200: LiveSessionSchema },
      handler: async ({ principal, params, body }) =>
        terminateSession(db, clock, params.id, { reason: body.reason, actorId: principal.userId }),
    }),
  ];
}
