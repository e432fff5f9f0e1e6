import { Webhook, WebhookVerificationError } from 'standardwebhooks';
import type { webhooks } from './schema.d.ts';

export { WebhookVerificationError };

/** The envelope of every webhook the platform sends (docs/webhooks.md), whatever its type. */
export interface WebhookEnvelope<Type extends string = string, Data = Record<string, unknown>> {
  /** The event's id (`evt_…`), also the `webhook-id` header: the same on retries and replays. */
  id: string;
  /** `order.paid`, `aftersales.opened`, … */
  type: Type;
  /** The payload's schema version (1). */
  version: number;
  /** When the event happened (ISO 8601). */
  timestamp: string;
  /** The shop the event belongs to; null for a platform event. */
  shopId: number | null;
  data: Data;
}

type WebhookBodies = {
  [Name in keyof webhooks]: webhooks[Name] extends {
    post: { requestBody?: { content: { 'application/json': infer Body } } };
  }
    ? Body
    : never;
}[keyof webhooks];

/**
 * Every event the platform sends, as a union discriminated by `type` (from the OpenAPI document's
 * `webhooks` section); the generic envelope when the document lists none.
 */
export type WebhookEvent = string extends keyof webhooks
  ? WebhookEnvelope
  : [WebhookBodies] extends [never]
    ? WebhookEnvelope
    : WebhookBodies;

/** The event of one type: `WebhookEventOf<'order.paid'>`. */
export type WebhookEventOf<Type extends WebhookEvent['type']> = Extract<WebhookEvent, { type: Type }>;

/** Request headers as Node (`IncomingHttpHeaders`), fetch (`Headers`) or a plain object give them. */
export type WebhookHeaders = Headers | Record<string, string | string[] | undefined>;

const HEADERS = ['webhook-id', 'webhook-timestamp', 'webhook-signature'] as const;

function standardHeaders(headers: WebhookHeaders): Record<string, string> {
  const out: Record<string, string> = {};
  if (typeof (headers as Headers).get === 'function' && typeof (headers as Headers).has === 'function') {
    for (const name of HEADERS) {
      const value = (headers as Headers).get(name);
      if (value !== null) out[name] = value;
    }
    return out;
  }
  const lower: Record<string, string | string[] | undefined> = {};
  for (const [name, value] of Object.entries(headers as Record<string, string | string[] | undefined>)) {
    lower[name.toLowerCase()] = value;
  }
  for (const name of HEADERS) {
    const value = lower[name];
    // a header repeated on the wire: its values, as one space-separated list (signatures) or the first
    if (Array.isArray(value)) out[name] = name === 'webhook-signature' ? value.join(' ') : (value[0] ?? '');
    else if (value !== undefined) out[name] = value;
  }
  return out;
}

/**
 * Verifies a webhook as the platform signs it (Standard Webhooks): `webhook-signature` holds one or
 * more space-separated `v1,<base64 HMAC-SHA256>` signatures of `${webhook-id}.${webhook-timestamp}.${body}`
 * (two during a secret rotation); one must match `secret` (or one of `secret`'s list, while you roll
 * your own), and `webhook-timestamp` must be within 5 minutes of now. Pass the body exactly as it
 * arrived (the raw bytes or text, not a re-serialised object).
 *
 * Returns the parsed event; throws `WebhookVerificationError` otherwise. Deduplicate on `event.id`:
 * retries and replays carry the same id.
 */
export function verifyWebhook(
  secret: string | readonly string[],
  headers: WebhookHeaders,
  rawBody: string | Uint8Array,
): WebhookEvent {
  const secrets = typeof secret === 'string' ? [secret] : secret;
  if (secrets.length === 0) throw new WebhookVerificationError('No webhook secret given');
  const standard = standardHeaders(headers);
  let lastError: unknown;
  for (const candidate of secrets) {
    try {
      const event = new Webhook(candidate).verify(rawBody, standard) as WebhookEvent | undefined;
      if (!event || typeof event !== 'object') throw new WebhookVerificationError('The body is not an event');
      return event;
    } catch (error) {
      lastError = error;
      // a failure that no other secret can change: stop at once
      if (error instanceof WebhookVerificationError && error.message !== 'No matching signature found') break;
    }
  }
  if (lastError instanceof WebhookVerificationError) throw lastError;
  throw new WebhookVerificationError(lastError instanceof Error ? lastError.message : 'Invalid webhook');
}

/**
 * Signs a body as the platform does: the three `webhook-*` headers, for testing your receiver.
 * `secrets`: one `whsec_…` secret, or several (one signature each, as during a rotation).
 */
export function signWebhook(
  secrets: string | readonly string[],
  message: { id: string; body: string; timestamp?: Date },
): { 'webhook-id': string; 'webhook-timestamp': string; 'webhook-signature': string } {
  const timestamp = message.timestamp ?? new Date();
  const list = typeof secrets === 'string' ? [secrets] : secrets;
  return {
    'webhook-id': message.id,
    'webhook-timestamp': String(Math.floor(timestamp.getTime() / 1000)),
    'webhook-signature': list
      .map((secret) => new Webhook(secret).sign(message.id, timestamp, message.body))
      .join(' '),
  };
}
