import { Webhook } from 'standardwebhooks';
import { describe, expect, it } from 'vitest';
import { envelopeBody, signingSecrets, webhookHeaders } from './envelope.ts';

const current = `whsec_${Buffer.alloc(24, 1).toString('base64')}`;
const previous = `whsec_${Buffer.alloc(24, 2).toString('base64')}`;
const event = {
  eventId: 'evt_1',
  type: 'order.paid',
  version: 1,
  occurredAt: new Date('2026-11-23T08:00:00.000Z'),
  shopId: 12,
  data: { orderId: 7, totalFen: 9900 },
};

describe('envelopeBody', () => {
  it('is the Standard Webhooks envelope of the event', () => {
    expect(JSON.parse(envelopeBody(event))).toEqual({
      id: 'evt_1',
      type: 'order.paid',
      version: 1,
      timestamp: '2026-11-23T08:00:00.000Z',
      shopId: 12,
      data: { orderId: 7, totalFen: 9900 },
    });
  });
});

describe('signingSecrets', () => {
  const now = new Date('2026-11-23T08:00:00Z');
  it.each([
    ['no rotation', null, null, [current]],
    ['rotated, previous still valid', previous, new Date('2026-11-24T08:00:00Z'), [current, previous]],
    ['rotated, previous expired', previous, new Date('2026-11-23T07:00:00Z'), [current]],
    ['rotated, expires now', previous, now, [current]],
  ] as const)('%s', (_name, previousSecret, previousSecretExpiresAt, expected) => {
    expect(signingSecrets({ secret: current, previousSecret, previousSecretExpiresAt }, now)).toEqual(
      expected,
    );
  });
});

describe('webhookHeaders', () => {
  const at = new Date();
  const body = envelopeBody(event);
  it('signs so that either secret verifies', () => {
    const headers = webhookHeaders('evt_1', body, at, [current, previous]);
    expect(headers['webhook-id']).toBe('evt_1');
    expect(headers['webhook-timestamp']).toBe(String(Math.floor(at.getTime() / 1000)));
    expect(headers['webhook-signature']!.split(' ')).toHaveLength(2);
    expect(new Webhook(current).verify(body, headers)).toEqual(JSON.parse(body));
    expect(new Webhook(previous).verify(body, headers)).toEqual(JSON.parse(body));
  });
  it('fails verification for another body or secret', () => {
    const headers = webhookHeaders('evt_1', body, at, [current]);
    expect(() => new Webhook(previous).verify(body, headers)).toThrow();
    expect(() => new Webhook(current).verify(`${body} `, headers)).toThrow();
  });
});
