import type { LogEvent } from 'kysely';
import type pg from 'pg';
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';

/**
 * The process's Prometheus metrics, served at /metrics (docs/observability.md). Modules record into
 * the instruments below; gauges that read the database are collected when /metrics is scraped
 * (platform/observability.ts), gauges of in-memory state when the registry is read.
 */
export const metricsRegistry = new Registry();

let defaultMetrics = false;
/** Node's process metrics (CPU, memory, event-loop lag, GC, handles): started once, by the first /metrics. */
export function collectProcessMetrics(): void {
  if (defaultMetrics) return;
  defaultMetrics = true;
  collectDefaultMetrics({ register: metricsRegistry });
}

/** Webhook delivery attempts by outcome: `succeeded`, `failed` (will retry), `gave_up` (after 3 days). */
export const webhookAttempts = new Counter({
  name: 'xinren_webhook_attempts_total',
  help: 'Webhook delivery attempts, by outcome',
  labelNames: ['outcome'] as const,
  registers: [metricsRegistry],
});

/** How long receivers took to answer a delivery attempt. */
export const webhookAttemptSeconds = new Histogram({
  name: 'xinren_webhook_attempt_duration_seconds',
  help: 'Time from sending a webhook to its answer (or the timeout)',
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
  registers: [metricsRegistry],
});

/** Deliveries waiting for a retry after a failed attempt (set at scrape from the webhooks module). */
export const webhookDeliveriesFailing = new Gauge({
  name: 'xinren_webhook_deliveries_failing',
  help: 'Webhook deliveries whose last attempt failed and that wait for a retry (state retrying)',
  registers: [metricsRegistry],
});

/** Every answered request, by its route pattern (not the URL: `/api/v1/orders/:id`), method and status. */
export const httpRequestSeconds = new Histogram({
  name: 'xinren_http_request_duration_seconds',
  help: 'Time from receiving a request to sending its answer, by route pattern, method and status',
  labelNames: ['method', 'route', 'status'] as const,
  buckets: [0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
  registers: [metricsRegistry],
});

const pools = new Set<pg.Pool>();

/** Counts `pool` in the pool gauges until the returned function is called (db.ts `connect`). */
export function trackPool(pool: pg.Pool): () => void {
  pools.add(pool);
  return () => {
    pools.delete(pool);
  };
}

/** The process's connections to PostgreSQL, read from its pools when scraped. */
export const dbPoolConnections = new Gauge({
  name: 'xinren_db_pool_connections',
  help: 'Connections of the database pools: total open, idle, and callers waiting for one',
  labelNames: ['state'] as const,
  registers: [metricsRegistry],
  collect() {
    let total = 0;
    let idle = 0;
    let waiting = 0;
    for (const pool of pools) {
      total += pool.totalCount;
      idle += pool.idleCount;
      waiting += pool.waitingCount;
    }
    this.set({ state: 'total' }, total);
    this.set({ state: 'idle' }, idle);
    this.set({ state: 'waiting' }, waiting);
  },
});

/** Every query sent through Kysely (transactions' begin and commit are not queries here). */
export const dbQuerySeconds = new Histogram({
  name: 'xinren_db_query_duration_seconds',
  help: 'Time of a database query, from sending it to its result',
  buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
  registers: [metricsRegistry],
});

/** Kysely's `log` option: one observation per query, failed ones included. */
export function observeQuery(event: LogEvent): void {
  dbQuerySeconds.observe(event.queryDurationMillis / 1000);
}

export const deadlinesBacklog = new Gauge({
  name: 'xinren_deadlines_backlog',
  help: 'Deadlines due and not yet fired (set when scraped; counted up to 100000)',
  registers: [metricsRegistry],
});

export const deadlinesLagSeconds = new Gauge({
  name: 'xinren_deadlines_lag_seconds',
  help: 'How long the oldest due deadline has waited to fire (0 when none is due)',
  registers: [metricsRegistry],
});

/** 1 when the last scrape read the database gauges (deadlines, outbox, webhooks), 0 when it failed. */
export const metricsDatabaseUp = new Gauge({
  name: 'xinren_metrics_database_up',
  help: 'Whether the last scrape could read the database gauges (1) or not (0: they keep older values)',
  registers: [metricsRegistry],
});

export const outboxBacklog = new Gauge({
  name: 'xinren_outbox_backlog',
  help: 'Business events written and not yet dispatched to webhook deliveries (counted up to 100000)',
  registers: [metricsRegistry],
});

const viewerSources = new Set<() => number>();

/** Counts a live event hub's open viewer streams in `xinren_live_viewers`; the result unregisters it. */
export function countLiveViewers(source: () => number): () => void {
  viewerSources.add(source);
  return () => {
    viewerSources.delete(source);
  };
}

export const liveViewers = new Gauge({
  name: 'xinren_live_viewers',
  help: 'Open live-room event streams (viewers) of this process',
  registers: [metricsRegistry],
  collect() {
    let n = 0;
    for (const source of viewerSources) n += source();
    this.set(n);
  },
});

/** One count per viewer stream an event was written to (a comment to 300 viewers counts 300). */
export const liveEventsFannedOut = new Counter({
  name: 'xinren_live_events_fanned_out_total',
  help: 'Live-room events written to viewer streams, by event type (one per stream reached)',
  labelNames: ['event'] as const,
  registers: [metricsRegistry],
});

/** Requests per checkout batch (one transaction): large batches mean load, ones mean a quiet process. */
export const checkoutBatchSize = new Histogram({
  name: 'xinren_checkout_batch_size',
  help: 'Checkout requests coalesced into one batch (one transaction)',
  buckets: [1, 2, 4, 8, 16, 32, 64, 128],
  registers: [metricsRegistry],
});

/** 1 while this process's NATS connection is up, 0 during an outage (absent without NATS_URL). */
export const natsConnected = new Gauge({
  name: 'xinren_nats_connected',
  help: 'Whether the NATS connection of this process (NATS_URL) is up: 1, or 0 while NATS is away',
  registers: [metricsRegistry],
});
