import type { ColumnType, Generated } from 'kysely';

/** One business event, written in the transaction that caused it (migration 0108, docs/webhooks.md). */
export interface OutboxEventsTable {
  id: Generated<number>;
  /** `evt_…`: the id receivers see as `webhook-id`, the same on every retry and replay. */
  eventId: Generated<string>;
  type: string;
  version: ColumnType<number, number | undefined, number>;
  /** The shop the event belongs to; null for platform events. */
  shopId: number | null;
  /** `order:123`: one resource's events reach an endpoint in this order. */
  resource: string;
  occurredAt: ColumnType<Date, Date | undefined, Date>;
  data: ColumnType<unknown, string, string>;
  dispatchedAt: Date | null;
  /** With NATS: when the relay published it to the outbox stream (its PubAck came back); null before. */
  relayedAt: Date | null;
}

export interface OutboxTables {
  outboxEvents: OutboxEventsTable;
}
