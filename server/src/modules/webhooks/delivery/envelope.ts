import { Webhook } from 'standardwebhooks';

/** The outbox row a delivery sends (platform/outbox.tables.ts). */
export interface EnvelopeEvent {
  eventId: string;
  type: string;
  version: number;
  occurredAt: Date;
  shopId: number | null;
  data: unknown;
}

/** The body of every webhook: the same bytes on every attempt and replay of the event. */
export interface WebhookEnvelope {
  /** `evt_…`, also the `webhook-id` header. */
  id: string;
  type: string;
  version: number;
  /** When the event happened (ISO 8601, UTC). */
  timestamp: string;
  shopId: number | null;
  data: unknown;
}

export function webhookEnvelope(event: EnvelopeEvent): WebhookEnvelope {
  return {
    id: event.eventId,
    type: event.type,
    version: event.version,
    timestamp: event.occurredAt.toISOString(),
    shopId: event.shopId,
    data: event.data,
  };
}

export function envelopeBody(event: EnvelopeEvent): string {
  return JSON.stringify(webhookEnvelope(event));
}

/** An endpoint's secrets: the current one, and the previous one while it still signs after a rotation. */
export interface EndpointSecrets {
  secret: string;
  previousSecret: string | null;
  previousSecretExpiresAt: Date | null;
}

/** The secrets that sign a delivery at `now`: the current one first, then the previous one until it expires. */
export function signingSecrets(endpoint: EndpointSecrets, now: Date): string[] {
  const secrets = [endpoint.secret];
  if (
    endpoint.previousSecret !== null &&
    endpoint.previousSecretExpiresAt !== null &&
    endpoint.previousSecretExpiresAt.getTime() > now.getTime()
  )
    secrets.push(endpoint.previousSecret);
  return secrets;
}

export const USER_AGENT = 'Xinren-Webhooks/1';

/**
 * Standard Webhooks headers of one attempt: `webhook-id` (the event id), `webhook-timestamp` (the
 * attempt's unix seconds) and `webhook-signature`, one `v1,<base64 HMAC-SHA256>` per secret, signed
 * with the `standardwebhooks` package (the SDK verifies with the same one). `signers` caches the
 * package's key objects by secret within a batch.
 */
export function webhookHeaders(
  eventId: string,
  body: string,
  at: Date,
  secrets: readonly string[],
  signers: Map<string, Webhook> = new Map(),
): Record<string, string> {
  const signatures = secrets.map((secret) => {
    let signer = signers.get(secret);
    if (!signer) {
      signer = new Webhook(secret);
      signers.set(secret, signer);
    }
    return signer.sign(eventId, at, body);
  });
  return {
    'content-type': 'application/json',
    'user-agent': USER_AGENT,
    'webhook-id': eventId,
    'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
    'webhook-signature': signatures.join(' '),
  };
}
