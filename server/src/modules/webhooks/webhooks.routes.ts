import { type Static, type TSchema, Type } from '@sinclair/typebox';
import type { Access, Principal } from '../../platform/access.ts';
import type { AppContext } from '../../platform/context.ts';
import { type App, errorBodySchema } from '../../platform/http.ts';
import type { EventDefinition } from '../../platform/outbox.ts';
import { type AnyRouteSpec, registerRoutes, route } from '../../platform/route-spec.ts';
import { IdParams, Ok } from '../../platform/schemas.ts';
import { requireShopMember } from '../shops/index.ts';
import { getDelivery, listDeliveries, replayDelivery, sendTestEvent } from './deliveries.service.ts';
import {
  createEndpoint,
  deleteEndpoint,
  type EndpointOwner,
  type EndpointsDeps,
  getEndpoint,
  getSecret,
  listEndpoints,
  rotateSecret,
  updateEndpoint,
} from './endpoints.service.ts';
import {
  DeliveriesQuery,
  DeliveryDetailSchema,
  DeliveryPage,
  DeliverySchema,
  EndpointCreateBody,
  EndpointPatchBody,
  EndpointSchema,
  EndpointWithSecretSchema,
  EventTypeSchema,
  OpsDeliveryParams,
  OpsEndpointParams,
  SecretSchema,
  ShopDeliveryParams,
  ShopEndpointParams,
} from './webhooks.schema.ts';

const e400 = { 400: errorBodySchema };
const e404 = { 404: errorBodySchema };
const e409 = { 409: errorBodySchema };

/** The paths' parameters: a shop's routes name the shop (`id`), the platform's do not. */
interface Params {
  id?: number;
  endpointId: number;
  deliveryId: number;
}

/** One owner of endpoints as the routes see it: a shop (members read, its owner writes) or the platform. */
interface Side {
  /** The path of the endpoints collection, e.g. `/shops/:id/webhooks`. */
  base: string;
  access: Exclude<Access, 'public' | 'user'>;
  who: string;
  params: { list?: TSchema; endpoint: TSchema; delivery: TSchema };
  /** Checks the caller may read (or, `write`, change) this owner's endpoints; returns the owner. */
  owner: (principal: Principal, params: Params, write: boolean) => Promise<EndpointOwner>;
}

function endpointRoutes(deps: EndpointsDeps, side: Side): AnyRouteSpec[] {
  const { base, access, who } = side;
  const one = `${base}/:endpointId`;
  const read = (principal: Principal, params: unknown) => side.owner(principal, params as Params, false);
  const write = (principal: Principal, params: unknown) => side.owner(principal, params as Params, true);
  const p = (params: unknown) => params as Params;
  return [
    route({
      method: 'GET',
      url: base,
      access,
      summary: `${who} webhook endpoints, the newest first`,
      ...(side.params.list ? { params: side.params.list } : {}),
      response: { 200: Type.Object({ items: Type.Array(EndpointSchema) }), ...e404 },
      handler: async ({ principal, params }) => ({
        items: await listEndpoints(deps, await read(principal, params)),
      }),
    }),
    route({
      method: 'POST',
      url: base,
      access,
      summary: `Register a webhook endpoint of ${who.toLowerCase()} (the answer carries its signing secret)`,
      description:
        '400 validation_failed naming url (https only, except localhost; no user name or password) or eventTypes ' +
        '(types of GET /webhooks/event-types; shops only shop-scoped ones); 409 conflict (key webhook_endpoint_limit) ' +
        'beyond 20 endpoints.',
      ...(side.params.list ? { params: side.params.list } : {}),
      body: EndpointCreateBody,
      response: { 201: EndpointWithSecretSchema, ...e400, ...e404, ...e409 },
      status: 201,
      handler: async ({ principal, params, body }) =>
        createEndpoint(
          deps,
          await write(principal, params),
          principal.userId,
          body as Static<typeof EndpointCreateBody>,
        ),
    }),
    route({
      method: 'GET',
      url: one,
      access,
      summary: 'One webhook endpoint with its last-24-hours delivery counts',
      params: side.params.endpoint,
      response: { 200: EndpointSchema, ...e404 },
      handler: async ({ principal, params }) =>
        getEndpoint(deps, await read(principal, params), p(params).endpointId),
    }),
    route({
      method: 'PATCH',
      url: one,
      access,
      summary: "Change a webhook endpoint's URL, description or event types; turn it off or on",
      description:
        '`enabled: true` also turns on an endpoint disabled as failing. 400 naming url or eventTypes.',
      params: side.params.endpoint,
      body: EndpointPatchBody,
      response: { 200: EndpointSchema, ...e400, ...e404, ...e409 },
      handler: async ({ principal, params, body }) =>
        updateEndpoint(
          deps,
          await write(principal, params),
          p(params).endpointId,
          body as Static<typeof EndpointPatchBody>,
        ),
    }),
    route({
      method: 'DELETE',
      url: one,
      access,
      summary: 'Delete a webhook endpoint (no new deliveries; its log is kept)',
      params: side.params.endpoint,
      response: { 200: Ok, ...e404 },
      handler: async ({ principal, params }) => {
        await deleteEndpoint(deps, await write(principal, params), p(params).endpointId);
        return { ok: true as const };
      },
    }),
    route({
      method: 'GET',
      url: `${one}/secret`,
      access,
      summary: "The endpoint's signing secret (and until when the previous one still signs)",
      params: side.params.endpoint,
      response: { 200: SecretSchema, ...e404 },
      handler: async ({ principal, params }) =>
        getSecret(deps, await write(principal, params), p(params).endpointId),
    }),
    route({
      method: 'POST',
      url: `${one}/rotate-secret`,
      access,
      summary: 'A new signing secret; the old one signs too for 24 hours',
      params: side.params.endpoint,
      response: { 200: SecretSchema, ...e404 },
      handler: async ({ principal, params }) =>
        rotateSecret(deps, await write(principal, params), p(params).endpointId),
    }),
    route({
      method: 'POST',
      url: `${one}/test`,
      access,
      summary: 'Send a webhook.test event to this endpoint only',
      description: '409 conflict (key webhook_endpoint_disabled) when the endpoint is disabled.',
      params: side.params.endpoint,
      response: { 202: DeliverySchema, ...e404, ...e409 },
      status: 202,
      handler: async ({ principal, params }) =>
        sendTestEvent(deps, await write(principal, params), p(params).endpointId),
    }),
    route({
      method: 'GET',
      url: `${one}/deliveries`,
      access,
      summary: "The endpoint's delivery log, the newest first (page on with `before`)",
      params: side.params.endpoint,
      querystring: DeliveriesQuery,
      response: { 200: DeliveryPage, ...e400, ...e404 },
      handler: async ({ principal, params, query }) =>
        listDeliveries(
          deps,
          await read(principal, params),
          p(params).endpointId,
          query as Static<typeof DeliveriesQuery>,
        ),
    }),
    route({
      method: 'GET',
      url: `${one}/deliveries/:deliveryId`,
      access,
      summary: 'One delivery: the body it sends and every attempt',
      params: side.params.delivery,
      response: { 200: DeliveryDetailSchema, ...e404 },
      handler: async ({ principal, params }) =>
        getDelivery(deps, await read(principal, params), p(params).endpointId, p(params).deliveryId),
    }),
    route({
      method: 'POST',
      url: `${one}/deliveries/:deliveryId/replay`,
      access,
      summary: 'Send a delivered or failed event again (a new delivery, the same webhook-id)',
      description:
        '409 conflict: key webhook_delivery_open (still being attempted), webhook_endpoint_disabled, ' +
        'webhook_event_pruned (events are kept 7 days).',
      params: side.params.delivery,
      response: { 201: DeliverySchema, ...e404, ...e409 },
      status: 201,
      handler: async ({ principal, params }) =>
        replayDelivery(deps, await write(principal, params), p(params).endpointId, p(params).deliveryId),
    }),
  ];
}

/**
 * Webhooks (docs/webhooks.md): a shop's endpoints under /shops/{id}/webhooks (its members read, its
 * owner changes them and reads the secret), the platform's under /ops/webhooks, and the event catalog.
 */
export async function webhooksRoutes(app: App, ctx: AppContext, catalog: readonly EventDefinition[]) {
  const deps: EndpointsDeps = {
    db: ctx.db,
    clock: ctx.clock,
    catalog,
    allowHttp: ctx.config.webhooksAllowHttp,
    allowPrivateNetworks: ctx.config.webhooksAllowPrivateNetworks,
  };
  const shop: Side = {
    base: '/shops/:id/webhooks',
    access: { kinds: ['merchant'] },
    who: "The shop's",
    params: { list: IdParams, endpoint: ShopEndpointParams, delivery: ShopDeliveryParams },
    owner: async (principal, params, write) => {
      await requireShopMember(ctx.db, principal, params.id!, { ownerOnly: write });
      return params.id!;
    },
  };
  const platform: Side = {
    base: '/ops/webhooks',
    access: { ops: ['rule_admin'] },
    who: "The platform's",
    params: { endpoint: OpsEndpointParams, delivery: OpsDeliveryParams },
    owner: async () => null,
  };
  const items = catalog.map(({ type, version, summary, resource, shopScoped }) => ({
    type,
    version,
    summary,
    resource,
    shopScoped,
  }));
  registerRoutes(
    app,
    ['webhooks'],
    [
      ...endpointRoutes(deps, shop),
      route({
        method: 'GET',
        url: '/webhooks/event-types',
        access: 'user',
        summary: 'The event catalog: every event type an endpoint may subscribe to',
        response: { 200: Type.Object({ items: Type.Array(EventTypeSchema) }) },
        handler: async () => ({ items }),
      }),
    ],
  );
  registerRoutes(app, ['ops-webhooks'], endpointRoutes(deps, platform));
}
