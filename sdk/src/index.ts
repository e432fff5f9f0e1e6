// @xinren/sdk: the typed client of the Xinren API, its helpers and webhook verification.
export {
  createXinrenClient,
  type EventSubscription,
  type ListItem,
  type ListPath,
  type PaginateOptions,
  type PathsWith,
  paginate,
  type RequestInitOf,
  type ResponseOf,
  SDK_VERSION,
  type StreamEvent,
  type StreamPath,
  type SubscribeOptions,
  type XinrenClient,
  type XinrenClientOptions,
} from './client.ts';
export { XinrenApiError, type XinrenFieldError } from './errors.ts';
export { idempotencyKey, requiresIdempotencyKey } from './idempotency.ts';
export { COMMIT_LSN_HEADER, CommitPosition, parseLsn, READ_AFTER_HEADER } from './read-after.ts';
export type { components, paths, webhooks } from './schema.d.ts';
export {
  EventStreamParser,
  eventStream,
  type RawServerSentEvent,
  type ReconnectOptions,
  type ServerSentEvent,
} from './sse.ts';
export {
  signWebhook,
  verifyWebhook,
  type WebhookEnvelope,
  type WebhookEvent,
  type WebhookEventOf,
  type WebhookHeaders,
  WebhookVerificationError,
} from './webhooks.ts';
