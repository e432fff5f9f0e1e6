import type { Tx } from './db.ts';

/** An event as a module writes it: its catalog type and version, whose it is, and its payload. */
export interface NewEvent {
  /** A type of the event catalog (server/src/events.ts), e.g. `order.paid`. */
  type: string;
  version?: number;
  /** The shop the event belongs to; null for platform events. */
  shopId: number | null;
  /** `order:123`: one resource's events reach an endpoint in this order. */
  resource: string;
  data: Record<string, unknown>;
  occurredAt?: Date;
}

/**
 * Writes events into the outbox in the caller's transaction: they exist exactly when the change that
 * caused them commits. Most events are written by triggers on their tables (migration 0108 and later);
 * this is for events no table change expresses.
 */
export async function emitEvents(tx: Tx, events: readonly NewEvent[]): Promise<void> {
  if (events.length === 0) return;
  await tx
    .insertInto('outboxEvents')
    .values(
      events.map((event) => ({
        type: event.type,
        version: event.version ?? 1,
        shopId: event.shopId,
        resource: event.resource,
        data: JSON.stringify(event.data),
        ...(event.occurredAt ? { occurredAt: event.occurredAt } : {}),
      })),
    )
    .execute();
}

/**
 * One type of the event catalog: what receivers may rely on. A module declares its events next to
 * the tables that cause them (`<module>.events.ts`); `server/src/events.ts` collects them all, the
 * webhooks module filters by them and the OpenAPI document lists them under `webhooks`.
 */
export interface EventDefinition {
  /** `order.paid`: `<resource>.<what happened>`, lower case. */
  type: string;
  /** The payload's version; a breaking change of `data` is a new version. */
  version: number;
  /** One line for people choosing events (English; the web words it by type). */
  summary: string;
  /** When exactly it is written. */
  description: string;
  /** The resource kind of `resource` (`order` in `order:123`). */
  resource: string;
  /** false: a platform event without a shop, delivered only to ops endpoints. */
  shopScoped: boolean;
  /** JSON Schema (TypeBox) of `data`. */
  schema: object;
}
