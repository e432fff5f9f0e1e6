import { sql } from 'kysely';
import { Gauge } from 'prom-client';
import type { Executor } from '../../platform/db.ts';
import { metricsRegistry } from '../../platform/metrics.ts';

/** Deliveries waiting for a retry after a failed attempt (`xinren_webhook_deliveries_failing`). */
export async function countFailingDeliveries(db: Executor): Promise<number> {
  const { n } = await db
    .selectFrom('webhookDeliveries')
    .select(sql<number>`count(*)::int`.as('n'))
    .where('state', '=', 'retrying')
    .executeTakeFirstOrThrow();
  return n;
}

// With NATS (docs/webhooks.md "With NATS"): set by the worker that relays, every few seconds (also
// while NATS is away, when they grow). xinren_outbox_backlog counts relayed events too until the
// consumer has fanned them out.
export const outboxUnrelayed = new Gauge({
  name: 'xinren_outbox_unrelayed',
  help: 'With NATS: business events written and not yet published to the outbox stream (counted up to 100000)',
  registers: [metricsRegistry],
});

export const outboxRelayLagSeconds = new Gauge({
  name: 'xinren_outbox_relay_lag_seconds',
  help: 'With NATS: how long the oldest event not yet published to the outbox stream has waited (0 when none)',
  registers: [metricsRegistry],
});

export const outboxStreamPending = new Gauge({
  name: 'xinren_outbox_stream_pending',
  help: 'With NATS: outbox stream messages the webhooks consumer has not acknowledged yet',
  registers: [metricsRegistry],
});
