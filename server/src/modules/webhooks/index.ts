export { type WebhookEnvelope, webhookEnvelope } from './delivery/envelope.ts';
export { type WebhookRunCounts, WebhookRunner, type WebhookRunnerOptions } from './delivery/runner.ts';
