import type { Static, TSchema } from '@sinclair/typebox';
import type { FastifyReply } from 'fastify';
import type { Access, ApiKeyScope, Principal } from './access.ts';
import type { Db } from './db.ts';
import type { App } from './http.ts';
import './read-replica.ts';

type In<T> = T extends TSchema ? Static<T> : undefined;

/** What a route's handler is given: the caller (null only on public routes) and the validated input. */
export interface RouteInput<A extends Access, P, B, Q, H> {
  principal: A extends 'public' ? Principal | null : Principal;
  params: In<P>;
  body: In<B>;
  query: In<Q>;
  headers: In<H>;
  /**
   * On a `reads: 'replica'` route while DATABASE_READ_URL is set: the database its reads use (the
   * replica, or the primary when the replica lags behind the caller's writes or is down). Undefined
   * otherwise: read the primary (`readDb ?? db`).
   */
  readDb: Db | undefined;
}

/**
 * One HTTP route as data: who may call it, its schemas (which are also its OpenAPI documentation) and
 * the handler, which calls one use case. The handler's return value is sent with `status` (default
 * 200); a handler that answers itself returns the reply (e.g. `sendOutcome` of an idempotent write).
 */
export interface RouteSpec<
  A extends Access = Access,
  P extends TSchema | undefined = TSchema | undefined,
  B extends TSchema | undefined = TSchema | undefined,
  Q extends TSchema | undefined = TSchema | undefined,
  H extends TSchema | undefined = TSchema | undefined,
> {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  url: string;
  access: A;
  /** The API-key scope this route takes (docs/api-keys.md); without one, API keys are refused. */
  scope?: ApiKeyScope;
  /**
   * `replica`: a read-only route whose reads may come from DATABASE_READ_URL's streaming replica
   * (given as `readDb`). Not for what a cache keeps (platform/read-cache.ts loads from the primary).
   */
  reads?: 'replica';
  summary: string;
  description?: string;
  headers?: H;
  params?: P;
  querystring?: Q;
  body?: B;
  response: Record<number, unknown>;
  /** The status of a success (default 200). */
  status?: number;
  handler: (input: RouteInput<A, P, B, Q, H>, reply: FastifyReply) => Promise<unknown>;
}

/** A spec whose input types are checked where it is written (`route({...})`) and erased for the table. */
export type AnyRouteSpec = RouteSpec<
  Access,
  TSchema | undefined,
  TSchema | undefined,
  TSchema | undefined,
  TSchema | undefined
>;

/** Declares one route of a route table; the types of its handler's input follow from its schemas. */
export function route<
  const A extends Access,
  P extends TSchema | undefined = undefined,
  B extends TSchema | undefined = undefined,
  Q extends TSchema | undefined = undefined,
  H extends TSchema | undefined = undefined,
>(spec: RouteSpec<A, P, B, Q, H>): AnyRouteSpec {
  return spec as unknown as AnyRouteSpec;
}

/** Registers a route table: every route with its access rule, its schemas under `tags`, and its handler. */
export function registerRoutes(app: App, tags: readonly string[], specs: readonly AnyRouteSpec[]): void {
  for (const spec of specs) {
    app.route({
      method: spec.method,
      url: spec.url,
      config: {
        access: spec.access,
        ...(spec.scope === undefined ? {} : { scope: spec.scope }),
        ...(spec.reads === undefined ? {} : { reads: spec.reads }),
      },
      schema: {
        tags: [...tags],
        summary: spec.summary,
        ...(spec.description === undefined ? {} : { description: spec.description }),
        ...(spec.headers === undefined ? {} : { headers: spec.headers }),
        ...(spec.params === undefined ? {} : { params: spec.params }),
        ...(spec.querystring === undefined ? {} : { querystring: spec.querystring }),
        ...(spec.body === undefined ? {} : { body: spec.body }),
        response: spec.response,
      },
      handler: async (request, reply) => {
        const input = {
          principal: request.principal,
          params: request.params,
          body: request.body,
          query: request.query,
          headers: request.headers,
          readDb: request.readDb,
        } as RouteInput<Access, TSchema, TSchema, TSchema, TSchema>;
        const result = await spec.handler(input, reply);
        // A handler that answered itself returned the reply, a thenable: awaiting it gives undefined
        // once the answer is out, so whether the reply is sent is the test, not what came back.
        if (reply.sent) return reply;
        return reply.code(spec.status ?? 200).send(result);
      },
    });
  }
}
