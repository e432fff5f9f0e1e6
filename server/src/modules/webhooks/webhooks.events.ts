import { Type } from '@sinclair/typebox';
import type { EventDefinition } from '../../platform/outbox.ts';
import { Id, Timestamp } from '../../platform/schemas.ts';

/** The resource of a test event: the endpoint it was sent to (`webhook:12`). */
export const testEventResource = (endpointId: number) => `webhook:${endpointId}`;

/**
 * The webhooks module's own event: the console's "send test event" (发送测试事件). It reaches only the
 * endpoint it was sent for, whatever that endpoint's filter, so a receiver can check its signature
 * verification before real events arrive.
 */
export const webhookEvents: EventDefinition[] = [
  {
    type: 'webhook.test',
    version: 1,
    summary: 'A test event sent from the console',
    description:
      "Written when the endpoint's owner sends a test event (POST …/webhooks/{endpointId}/test). Delivered to that endpoint only, signed like every event; it changes nothing.",
    resource: 'webhook',
    shopScoped: true,
    schema: Type.Object(
      {
        endpointId: Id,
        message: Type.String({ description: 'a fixed text: this is a test' }),
        sentAt: Timestamp,
      },
      { additionalProperties: false },
    ),
  },
];
