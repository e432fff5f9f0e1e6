import { describe, expect, it } from 'vitest';
import {
  signWebhook,
  verifyWebhook,
  type WebhookEvent,
  type WebhookEventOf,
  WebhookVerificationError,
} from '../src/index.ts';

const secret = `whsec_${Buffer.from('0123456789abcdef01234567').toString('base64')}`;
const previous = `whsec_${Buffer.from('previous-secret-24-bytes').toString('base64')}`;
const body = JSON.stringify({
  id: 'evt_1',
  type: 'order.paid',
  version: 1,
  timestamp: '2026-12-07T10:00:00.000Z',
  shopId: 12,
  data: { orderId: 7, totalFen: 9_900 },
});

describe('verifyWebhook', () => {
  it('accepts a correctly signed body and answers the event', () => {
    const headers = signWebhook(secret, { id: 'evt_1', body });
    const event = verifyWebhook(secret, headers, body);
    expect(event).toMatchObject({ id: 'evt_1', type: 'order.paid', shopId: 12, data: { orderId: 7 } });
  });

  it('accepts bytes, node-style headers (any case, repeated) and fetch Headers', () => {
    const signed = signWebhook(secret, { id: 'evt_1', body });
    const bytes = new TextEncoder().encode(body);
    expect(verifyWebhook(secret, { 'Webhook-Id': 'evt_1', ...upper(signed) }, bytes).id).toBe('evt_1');
    expect(verifyWebhook(secret, new Headers(signed), body).id).toBe('evt_1');
    const other = signWebhook(previous, { id: 'evt_1', body });
    const repeated = {
      ...signed,
      'webhook-signature': [other['webhook-signature'], signed['webhook-signature']],
    };
    expect(verifyWebhook(secret, repeated, body).id).toBe('evt_1');
  });

  it('accepts any of several signatures (a rotation: the current and the previous secret sign)', () => {
    const headers = signWebhook([previous, secret], { id: 'evt_1', body });
    expect(headers['webhook-signature'].split(' ')).toHaveLength(2);
    expect(verifyWebhook(secret, headers, body).id).toBe('evt_1');
    expect(verifyWebhook(previous, headers, body).id).toBe('evt_1');
    // a receiver rolling its own configuration may hold both
    const onlyPrevious = signWebhook(previous, { id: 'evt_1', body });
    expect(verifyWebhook([secret, previous], onlyPrevious, body).id).toBe('evt_1');
  });

  it('refuses a tampered body, a tampered id, a wrong secret and missing headers', () => {
    const headers = signWebhook(secret, { id: 'evt_1', body });
    const tampered = body.replace('9900', '1');
    expect(() => verifyWebhook(secret, headers, tampered)).toThrow(WebhookVerificationError);
    expect(() => verifyWebhook(secret, { ...headers, 'webhook-id': 'evt_2' }, body)).toThrow(
      'No matching signature found',
    );
    expect(() => verifyWebhook(previous, headers, body)).toThrow(WebhookVerificationError);
    const { 'webhook-signature': _, ...unsigned } = headers;
    expect(() => verifyWebhook(secret, unsigned, body)).toThrow('Missing required headers');
    expect(() => verifyWebhook([], headers, body)).toThrow(WebhookVerificationError);
  });

  it('refuses a timestamp more than 5 minutes old or ahead, even when correctly signed', () => {
    const old = signWebhook(secret, { id: 'evt_1', body, timestamp: new Date(Date.now() - 6 * 60_000) });
    expect(() => verifyWebhook(secret, old, body)).toThrow('Message timestamp too old');
    const ahead = signWebhook(secret, { id: 'evt_1', body, timestamp: new Date(Date.now() + 6 * 60_000) });
    expect(() => verifyWebhook(secret, ahead, body)).toThrow('Message timestamp too new');
    const recent = signWebhook(secret, { id: 'evt_1', body, timestamp: new Date(Date.now() - 4 * 60_000) });
    expect(verifyWebhook(secret, recent, body).id).toBe('evt_1');
  });

  it('the signature is the Standard Webhooks one: v1,base64(HMAC-SHA256(key, "id.ts.body"))', async () => {
    const { createHmac } = await import('node:crypto');
    const when = new Date('2026-12-07T10:00:00Z');
    const headers = signWebhook(secret, { id: 'evt_1', body, timestamp: when });
    const key = Buffer.from(secret.slice('whsec_'.length), 'base64');
    const expected = createHmac('sha256', key)
      .update(`evt_1.${when.getTime() / 1000}.${body}`)
      .digest('base64');
    expect(headers['webhook-signature']).toBe(`v1,${expected}`);
  });
});

function upper(headers: Record<string, string>) {
  return Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toUpperCase(), v]));
}

describe('WebhookEvent', () => {
  it("is the union of the OpenAPI document's webhooks, narrowed by type", () => {
    const headers = signWebhook(secret, { id: 'evt_1', body });
    const event: WebhookEvent = verifyWebhook(secret, headers, body);
    let total = 0;
    if (event.type === 'order.paid') total = event.data.totalFen;
    expect(total).toBe(9_900);
    const paid: WebhookEventOf<'order.paid'>['data'] = {
      orderId: 1,
      totalFen: 1,
      paidAt: '',
      shipByAt: null,
    };
    expect(paid.orderId).toBe(1);
    // @ts-expect-error: not an event type of the catalog
    const unknown: WebhookEventOf<'order.teleported'> = undefined as never;
    expect(unknown).toBeUndefined();
  });
});
