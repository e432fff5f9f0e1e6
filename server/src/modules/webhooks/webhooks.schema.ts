import { type TSchema, Type } from '@sinclair/typebox';
import { Id, Timestamp } from '../../platform/schemas.ts';
import { DELIVERY_STATES } from './delivery.machine.ts';

const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);

/** A shop (or the platform) has at most this many endpoints. */
export const MAX_ENDPOINTS = 20;
export const MAX_EVENT_TYPES = 100;

const Url = Type.String({
  minLength: 1,
  maxLength: 2000,
  description:
    'where events are POSTed: https (plain http only to localhost, or with XINREN_WEBHOOKS_ALLOW_HTTP=on); no user name or password',
});
const Description = Type.String({ maxLength: 200, description: 'a note for people (e.g. 仓储系统)' });
const EventType = Type.String({ minLength: 1, maxLength: 100, description: 'a type of the event catalog' });
const EventTypes = Type.Array(EventType, {
  minItems: 1,
  maxItems: MAX_EVENT_TYPES,
  uniqueItems: true,
  description: 'the event types this endpoint receives (GET /api/v1/webhooks/event-types)',
});

export const EndpointCreateBody = Type.Object(
  { url: Url, description: Type.Optional(Description), eventTypes: EventTypes },
  { additionalProperties: false },
);

export const EndpointPatchBody = Type.Object(
  {
    url: Type.Optional(Url),
    description: Type.Optional(Description),
    eventTypes: Type.Optional(EventTypes),
    enabled: Type.Optional(
      Type.Boolean({
        description: 'false turns the endpoint off; true turns it on again (also after failing)',
      }),
    ),
  },
  { additionalProperties: false },
);

const EndpointState = Type.Union([Type.Literal('enabled'), Type.Literal('disabled')]);
const DisabledReason = Type.Union([Type.Literal('by_user'), Type.Literal('failing'), Type.Null()], {
  description: 'by_user: turned off by its owner; failing: its deliveries failed for 3 days',
});

export const EndpointSchema = Type.Object({
  id: Id,
  shopId: Nullable(Id),
  url: Type.String(),
  description: Type.String(),
  eventTypes: Type.Array(Type.String()),
  state: EndpointState,
  disabledReason: DisabledReason,
  createdAt: Timestamp,
  updatedAt: Timestamp,
  lastDeliveryAt: Nullable(Timestamp),
  stats24h: Type.Object(
    {
      succeeded: Type.Integer(),
      failed: Type.Integer({ description: 'the last attempt failed: waiting for a retry, or given up' }),
      pending: Type.Integer({ description: 'not attempted yet, or being attempted' }),
    },
    { description: 'deliveries created in the last 24 hours, by outcome' },
  ),
});

export const EndpointWithSecretSchema = Type.Composite([
  EndpointSchema,
  Type.Object({ secret: Type.String({ description: 'whsec_…: shown here and by GET …/secret' }) }),
]);

export const SecretSchema = Type.Object({
  secret: Type.String({ description: 'whsec_<base64 of 24 random bytes>' }),
  previousSecretExpiresAt: Nullable(
    Type.Unsafe<Date>({
      type: 'string',
      format: 'date-time',
      description: 'after a rotation, the previous secret signs too until then',
    }),
  ),
});

const DeliveryState = Type.Union(
  DELIVERY_STATES.map((state) => Type.Literal(state)),
  {
    description: 'pending → delivering → succeeded | retrying (→ delivering) | failed (gave up after 3 days)',
  },
);

export const DeliverySchema = Type.Object({
  id: Id,
  endpointId: Id,
  eventId: Type.String({ description: 'evt_…: webhook-id, the same on retries and replays' }),
  eventType: Type.String(),
  resource: Type.String(),
  state: DeliveryState,
  attempts: Type.Integer(),
  nextAttemptAt: Nullable(Timestamp),
  lastStatusCode: Nullable(Type.Integer()),
  lastLatencyMs: Nullable(Type.Integer()),
  lastError: Nullable(Type.String()),
  lastResponseExcerpt: Nullable(Type.String()),
  createdAt: Timestamp,
  deliveredAt: Nullable(Timestamp),
  replayOf: Nullable(Id),
});

export const AttemptSchema = Type.Object({
  attempt: Type.Integer(),
  startedAt: Timestamp,
  statusCode: Nullable(Type.Integer()),
  latencyMs: Type.Integer(),
  responseExcerpt: Nullable(Type.String({ description: "the first 1 KB of the answer's body" })),
  error: Nullable(Type.String()),
});

/** A delivery with its body and every attempt (`attempts` is the list here, not the count). */
export const DeliveryDetailSchema = Type.Composite([
  Type.Omit(DeliverySchema, ['attempts']),
  Type.Object({
    payload: Nullable(
      Type.Object(
        {},
        {
          additionalProperties: true,
          description: 'the body sent (the event envelope); null once the event is no longer kept (7 days)',
        },
      ),
    ),
    attempts: Type.Array(AttemptSchema),
  }),
]);

export const DeliveriesQuery = Type.Object(
  {
    state: Type.Optional(DeliveryState),
    eventType: Type.Optional(EventType),
    before: Type.Optional(
      Type.Integer({
        minimum: 1,
        maximum: Number.MAX_SAFE_INTEGER,
        description: 'a delivery id: older ones',
      }),
    ),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
  },
  { additionalProperties: false },
);

export const DeliveryPage = Type.Object({
  items: Type.Array(DeliverySchema),
  nextBefore: Nullable(Type.Integer({ description: 'pass as `before` for the next (older) page' })),
});

export const EventTypeSchema = Type.Object({
  type: Type.String(),
  version: Type.Integer(),
  summary: Type.String(),
  resource: Type.String(),
  shopScoped: Type.Boolean({
    description: "false: a platform event (only ops' platform endpoints receive it)",
  }),
});

export const ShopEndpointParams = Type.Object({ id: Id, endpointId: Id });
export const ShopDeliveryParams = Type.Object({ id: Id, endpointId: Id, deliveryId: Id });
export const OpsEndpointParams = Type.Object({ endpointId: Id });
export const OpsDeliveryParams = Type.Object({ endpointId: Id, deliveryId: Id });
