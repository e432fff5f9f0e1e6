import type { Selectable } from 'kysely';
import { AppError, notFound } from '../../platform/errors.ts';
import { webhookEnvelope } from './delivery/envelope.ts';
import { OPEN_DELIVERY_STATES } from './delivery.machine.ts';
import { type EndpointOwner, type EndpointsDeps, lockEndpoint, ownedBy } from './endpoints.service.ts';
import { testEventResource } from './webhooks.events.ts';
import type { DeliveryState, WebhookAttemptsTable, WebhookDeliveriesTable } from './webhooks.tables.ts';

export interface Delivery {
  id: number;
  endpointId: number;
  eventId: string;
  eventType: string;
  resource: string;
  state: DeliveryState;
  attempts: number;
  /** When it is attempted next; null once it succeeded or gave up. */
  nextAttemptAt: Date | null;
  lastStatusCode: number | null;
  lastLatencyMs: number | null;
  lastError: string | null;
  lastResponseExcerpt: string | null;
  createdAt: Date;
  deliveredAt: Date | null;
  replayOf: number | null;
}

export type Attempt = Omit<Selectable<WebhookAttemptsTable>, 'id' | 'deliveryId'>;

export interface DeliveryDetail extends Omit<Delivery, 'attempts'> {
  /** The body sent (the event's envelope); null once the event is no longer kept. */
  payload: Record<string, unknown> | null;
  attempts: Attempt[];
}

export interface DeliveryQuery {
  state?: DeliveryState;
  eventType?: string;
  before?: number;
  limit?: number;
}

const columns = [
  'id',
  'endpointId',
  'outboxId',
  'eventId',
  'eventType',
  'resource',
  'state',
  'attempts',
  'nextAttemptAt',
  'lastStatusCode',
  'lastLatencyMs',
  'lastError',
  'lastResponseExcerpt',
  'createdAt',
  'deliveredAt',
  'replayOf',
] as const;

type DeliveryRow = Pick<Selectable<WebhookDeliveriesTable>, (typeof columns)[number]>;

function deliveryOf({ outboxId: _, ...row }: DeliveryRow): Delivery {
  return { ...row, nextAttemptAt: OPEN_DELIVERY_STATES.includes(row.state) ? row.nextAttemptAt : null };
}

/** 404 unless the endpoint is the owner's and not deleted. */
async function requireEndpoint(deps: EndpointsDeps, owner: EndpointOwner, endpointId: number): Promise<void> {
  const found = await deps.db
    .selectFrom('webhookEndpoints')
    .select('id')
    .where('id', '=', endpointId)
    .where(ownedBy(owner))
    .executeTakeFirst();
  if (!found) throw notFound('webhook endpoint', endpointId);
}

/** An endpoint's delivery log, newest first, a page at a time (`before`: the last id of the page before). */
export async function listDeliveries(
  deps: EndpointsDeps,
  owner: EndpointOwner,
  endpointId: number,
  query: DeliveryQuery,
): Promise<{ items: Delivery[]; nextBefore: number | null }> {
  await requireEndpoint(deps, owner, endpointId);
  const limit = query.limit ?? 20;
  let select = deps.db
    .selectFrom('webhookDeliveries')
    .select(columns)
    .where('endpointId', '=', endpointId)
    .orderBy('id', 'desc')
    .limit(limit + 1);
  if (query.state !== undefined) select = select.where('state', '=', query.state);
  if (query.eventType !== undefined) select = select.where('eventType', '=', query.eventType);
  if (query.before !== undefined) select = select.where('id', '<', query.before);
  const rows = await select.execute();
  const items = rows.slice(0, limit).map(deliveryOf);
  return { items, nextBefore: rows.length > limit ? items[items.length - 1]!.id : null };
}

async function deliveryRow(
  deps: EndpointsDeps,
  endpointId: number,
  deliveryId: number,
): Promise<DeliveryRow> {
  const row = await deps.db
    .selectFrom('webhookDeliveries')
    .select(columns)
    .where('id', '=', deliveryId)
    .where('endpointId', '=', endpointId)
    .executeTakeFirst();
  if (!row) throw notFound('webhook delivery', deliveryId);
  return row;
}

/** One delivery with the body it sends and every attempt's answer. */
export async function getDelivery(
  deps: EndpointsDeps,
  owner: EndpointOwner,
  endpointId: number,
  deliveryId: number,
): Promise<DeliveryDetail> {
  await requireEndpoint(deps, owner, endpointId);
  const row = await deliveryRow(deps, endpointId, deliveryId);
  const [event, attempts] = await Promise.all([
    deps.db
      .selectFrom('outboxEvents')
      .select(['eventId', 'type', 'version', 'occurredAt', 'shopId', 'data'])
      .where('id', '=', row.outboxId)
      .executeTakeFirst(),
    deps.db
      .selectFrom('webhookAttempts')
      .select(['attempt', 'startedAt', 'statusCode', 'latencyMs', 'responseExcerpt', 'error'])
      .where('deliveryId', '=', deliveryId)
      .orderBy('attempt')
      .orderBy('id')
      .execute(),
  ]);
  const { attempts: _, ...delivery } = deliveryOf(row);
  return {
    ...delivery,
    payload: event ? { ...webhookEnvelope(event) } : null,
    attempts,
  };
}

/**
 * Sends an event again: a new delivery of the same event (same `webhook-id`, so a receiver that
 * handled it drops it), pending now, naming the delivery it replays. Only a final delivery is replayed
 * (an open one is still being attempted), to an enabled endpoint, while its event is kept.
 */
export async function replayDelivery(
  deps: EndpointsDeps,
  owner: EndpointOwner,
  endpointId: number,
  deliveryId: number,
): Promise<Delivery> {
  return deps.db.transaction().execute(async (tx) => {
    const endpoint = await lockEndpoint(tx, owner, endpointId);
    requireEnabled(endpoint);
    const original = await tx
      .selectFrom('webhookDeliveries')
      .select(columns)
      .where('id', '=', deliveryId)
      .where('endpointId', '=', endpointId)
      .executeTakeFirst();
    if (!original) throw notFound('webhook delivery', deliveryId);
    if (OPEN_DELIVERY_STATES.includes(original.state)) {
      throw new AppError(
        'conflict',
        `delivery ${deliveryId} is still ${original.state}; replay it once it succeeded or failed`,
        { state: original.state },
        { key: 'webhook_delivery_open' },
      );
    }
    const kept = await tx
      .selectFrom('outboxEvents')
      .select('id')
      .where('id', '=', original.outboxId)
      .executeTakeFirst();
    if (!kept) {
      throw new AppError(
        'conflict',
        `event ${original.eventId} is no longer kept (events are kept 7 days)`,
        { eventId: original.eventId },
        { key: 'webhook_event_pruned' },
      );
    }
    const now = deps.clock.now();
    const row = await tx
      .insertInto('webhookDeliveries')
      .values({
        endpointId,
        outboxId: original.outboxId,
        eventId: original.eventId,
        eventType: original.eventType,
        resource: original.resource,
        state: 'pending',
        nextAttemptAt: now,
        replayOf: original.id,
        createdAt: now,
      })
      .returning(columns)
      .executeTakeFirstOrThrow();
    return deliveryOf(row);
  });
}

function requireEnabled(endpoint: { id: number; state: string }): void {
  if (endpoint.state !== 'enabled') {
    throw new AppError(
      'conflict',
      `webhook endpoint ${endpoint.id} is disabled; enable it first`,
      { state: endpoint.state },
      { key: 'webhook_endpoint_disabled' },
    );
  }
}

/**
 * The console's "send test event": a `webhook.test` event written to the outbox already dispatched
 * (the fan-out passes it by) with one pending delivery to this endpoint only, whatever its filter.
 */
export async function sendTestEvent(
  deps: EndpointsDeps,
  owner: EndpointOwner,
  endpointId: number,
): Promise<Delivery> {
  return deps.db.transaction().execute(async (tx) => {
    const endpoint = await lockEndpoint(tx, owner, endpointId);
    requireEnabled(endpoint);
    const now = deps.clock.now();
    const resource = testEventResource(endpointId);
    const event = await tx
      .insertInto('outboxEvents')
      .values({
        type: 'webhook.test',
        version: 1,
        shopId: endpoint.shopId,
        resource,
        occurredAt: now,
        data: JSON.stringify({
          endpointId,
          message: 'This is a test event from Xinren (新人直播). 这是一条测试事件。',
          sentAt: now.toISOString(),
        }),
        dispatchedAt: now,
      })
      .returning(['id', 'eventId'])
      .executeTakeFirstOrThrow();
    const row = await tx
      .insertInto('webhookDeliveries')
      .values({
        endpointId,
        outboxId: event.id,
        eventId: event.eventId,
        eventType: 'webhook.test',
        resource,
        state: 'pending',
        nextAttemptAt: now,
        createdAt: now,
      })
      .returning(columns)
      .executeTakeFirstOrThrow();
    return deliveryOf(row);
  });
}
