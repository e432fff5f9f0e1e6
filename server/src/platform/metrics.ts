import { Counter, Histogram, Registry } from 'prom-client';

/**
 * The process's Prometheus metrics, served at /metrics (docs/observability.md). Modules record into
 * the instruments below; gauges that read the database are collected when /metrics is scraped.
 */
export const metricsRegistry = new Registry();

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
