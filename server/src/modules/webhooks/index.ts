export { type WebhookEnvelope, webhookEnvelope } from './delivery/envelope.ts';
export { type OutboxStreamOptions, outboxStreamOptions } from './delivery/outbox-stream.ts';
export { type WebhookRunCounts, WebhookRunner, type WebhookRunnerOptions } from './delivery/runner.ts';
export { webhookEvents } from './webhooks.events.ts';
export { countFailingDeliveries } from './webhooks.metrics.ts';
export { webhooksRoutes } from './webhooks.routes.ts';
