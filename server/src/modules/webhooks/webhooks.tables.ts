import type { ColumnType, Generated } from 'kysely';

export type EndpointState = 'enabled' | 'disabled';
/** Why an endpoint is disabled: its owner turned it off, or its deliveries failed for 3 days. */
export type EndpointDisabledReason = 'by_user' | 'failing';
export type DeliveryState = 'pending' | 'delivering' | 'retrying' | 'succeeded' | 'failed';

/** A receiver of webhooks (migration 0112, docs/webhooks.md). */
export interface WebhookEndpointsTable {
  id: Generated<number>;
  /** null: a platform endpoint (ops), which receives every shop's events and the platform's own. */
  shopId: number | null;
  url: string;
  description: ColumnType<string, string | undefined, string>;
  /** Catalog types (server/src/events.ts); at least one. */
  eventTypes: string[];
  /** Machine: endpoint.machine.ts. */
  state: EndpointState;
  /** Set exactly when disabled. */
  disabledReason: EndpointDisabledReason | null;
  /** `whsec_<base64 of 24 random bytes>`. */
  secret: string;
  /** After a rotation the previous secret signs too until previousSecretExpiresAt. */
  previousSecret: string | null;
  previousSecretExpiresAt: Date | null;
  createdBy: number;
  createdAt: ColumnType<Date, Date, never>;
  updatedAt: Date;
  /** Deleted endpoints keep their delivery log and get no new deliveries. */
  deletedAt: Date | null;
}

/** One event to one endpoint: attempted until it succeeds or gives up (3 days after the first attempt). */
export interface WebhookDeliveriesTable {
  id: Generated<number>;
  endpointId: number;
  /** outbox_events.id: the order of one resource's events. No foreign key (old events are pruned). */
  outboxId: number;
  /** `evt_…`: webhook-id, the same on retries and replays. */
  eventId: string;
  eventType: string;
  resource: string;
  /** Machine: delivery.machine.ts. */
  state: DeliveryState;
  attempts: ColumnType<number, number | undefined, number>;
  nextAttemptAt: Date;
  leaseUntil: Date | null;
  firstAttemptAt: Date | null;
  deliveredAt: Date | null;
  lastStatusCode: number | null;
  lastLatencyMs: number | null;
  lastError: string | null;
  lastResponseExcerpt: string | null;
  /** A replay is a new delivery of the same event; this names the delivery it replays. */
  replayOf: number | null;
  createdAt: ColumnType<Date, Date, never>;
}

/** One try of a delivery: its answer or error. */
export interface WebhookAttemptsTable {
  id: Generated<number>;
  deliveryId: number;
  /** 1-based. */
  attempt: number;
  startedAt: Date;
  statusCode: number | null;
  latencyMs: number;
  /** The first 1 KB of the answer's body. */
  responseExcerpt: string | null;
  error: string | null;
}

export interface WebhooksTables {
  webhookEndpoints: WebhookEndpointsTable;
  webhookDeliveries: WebhookDeliveriesTable;
  webhookAttempts: WebhookAttemptsTable;
}
