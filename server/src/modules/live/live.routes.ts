import type { AppContext } from '../../platform/context.ts';
import type { App } from '../../platform/http.ts';
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
import { getSessionDetail, listMySessions, listPublicSessions } from './live-read.service.ts';

const hosts = { kinds: ['creator', 'merchant'] } as const;

export async function liveRoutes(app: App, ctx: AppContext, titleGate?: LiveTitleGate) {
  const { db, clock } = ctx;
  const tags = ['live'];

  app.get(
    '/live/sessions',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: 'Live rooms on air now, or upcoming ones',
        querystring: PublicListQuery,
        response: { 200: LiveSessionPage },
      },
    },
    async (request) => {
      const { state = 'live', limit = 20, offset = 0 } = request.query;
      return listPublicSessions(db, { state, limit, offset });
    },
  );

  app.get(
    '/live/sessions/:id',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: 'A live session with its pinned products (挂车) in pin order',
        params: IdParams,
        response: { 200: LiveSessionDetailSchema },
      },
    },
    async (request) => getSessionDetail(db, request.params.id),
  );

  app.get(
    '/me/live/sessions',
    {
      config: { access: hosts },
      schema: {
        tags,
        summary: "A creator's own sessions, or those of the merchant's shops; newest first",
        querystring: MyListQuery,
        response: { 200: LiveSessionPage },
      },
    },
    async (request) => {
      const { state, limit = 20, offset = 0 } = request.query;
      return listMySessions(db, request.principal!, { state, limit, offset });
    },
  );

  app.post(
    '/live/sessions',
    {
      config: { access: hosts },
      schema: {
        tags,
        summary: 'Schedule a live session (creators: own room; merchants: for a shop)',
        description:
          'The title passes the live_title checkpoint of the trust engine (text screening, then the policy): a blocked title is refused with 400 naming `title` and the reason, and nothing is scheduled; one sent to review is scheduled and a review case opened.',
        body: ScheduleBody,
        response: { 201: LiveSessionSchema },
      },
    },
    async (request, reply) => {
      const { scheduledAt, ...rest } = request.body;
      reply.status(201);
      return scheduleSession(
        db,
        clock,
        request.principal!,
        { ...rest, scheduledAt: new Date(scheduledAt) },
        titleGate,
      );
    },
  );

  app.patch(
    '/live/sessions/:id',
    {
      config: { access: hosts },
      schema: {
        tags,
        summary:
          'Change the title or time of a scheduled session, the title of a live one, or its stream address (host)',
        description:
          'A new title passes the live_title checkpoint of the trust engine: a blocked title is refused with 400 naming `title` and the reason. While the session is live, a high-risk title (e.g. off-platform contact details) ends it at once (紧急关播): the answer is the session, now `terminated` with the reason, and governance records a live_high_risk violation. The time can change only while the session is scheduled.',
        params: IdParams,
        body: EditBody,
        response: { 200: LiveSessionSchema },
      },
    },
    async (request) => {
      const { scheduledAt, ...rest } = request.body;
      return editSession(
        db,
        clock,
        request.principal!,
        request.params.id,
        { ...rest, scheduledAt: scheduledAt === undefined ? undefined : new Date(scheduledAt) },
        titleGate,
      );
    },
  );

  app.post(
    '/live/sessions/:id/start',
    {
      config: { access: hosts },
      schema: {
        tags,
        summary: 'Go live (host); a host is live at most once at a time',
        params: IdParams,
        body: EmptyBody,
        response: { 200: LiveSessionSchema },
      },
    },
    async (request) => startSession(db, clock, request.principal!, request.params.id),
  );

  app.post(
    '/live/sessions/:id/end',
    {
      config: { access: hosts },
      schema: {
        tags,
        summary: 'End the live session (host)',
        params: IdParams,
        body: EmptyBody,
        response: { 200: LiveSessionSchema },
      },
    },
    async (request) => endSession(db, clock, request.principal!, request.params.id),
  );

  app.post(
    '/live/sessions/:id/pins',
    {
      config: { access: hosts },
      schema: {
        tags,
        summary: 'Pin a product (挂车) while scheduled or live (host)',
        description:
          "A shop's room pins its own listed products; a creator pins any listed product offered with a creator commission, at that rate. At most 50 at once.",
        params: IdParams,
        body: PinBody,
        response: { 201: PinnedProductSchema },
      },
    },
    async (request, reply) => {
      reply.status(201);
      return pinProduct(db, clock, request.principal!, request.params.id, request.body.productId);
    },
  );

  app.delete(
    '/live/sessions/:id/pins/:productId',
    {
      config: { access: hosts },
      schema: { tags, summary: 'Unpin a product (host)', params: PinParams, response: { 200: Ok } },
    },
    async (request) => {
      await unpinProduct(db, clock, request.principal!, request.params.id, request.params.productId);
      return { ok: true as const };
    },
  );

  app.post(
    '/ops/live/sessions/:id/terminate',
    {
      config: { access: { ops: ['super_admin'] } },
      schema: {
        tags,
        summary: 'Stop a live session for a violation (super admin)',
        params: IdParams,
        body: TerminateBody,
        response: { 200: LiveSessionSchema },
      },
    },
    async (request) =>
      terminateSession(db, clock, request.params.id, {
        reason: request.body.reason,
        actorId: request.principal!.userId,
      }),
  );
}
