import { type TSchema, Type } from '@sinclair/typebox';
import type { EventDefinition } from '../../platform/outbox.ts';
import { Fen, Id, Timestamp } from '../../platform/schemas.ts';

const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);
const data = (properties: Record<string, TSchema>) =>
  Type.Object(properties, { additionalProperties: false });
const payment = { resource: 'order', shopScoped: true, version: 1 } as const;

/** The payment's events (migration 0109), on the resource of the order they pay or refund. */
export const paymentEvents: EventDefinition[] = [
  {
    ...payment,
    type: 'payment.captured',
    summary: 'A payment was captured',
    description:
      "Written when the provider confirms a payment: one event per order the payment pays (a checkout's orders are paid together), with that order's amount.",
    schema: data({
      paymentId: Id,
      orderId: Id,
      amountFen: Fen,
      paymentAmountFen: Fen,
      provider: Type.String(),
      capturedAt: Timestamp,
    }),
  },
  {
    ...payment,
    type: 'payment.refunded',
    summary: 'A refund was paid out',
    description:
      'Written when the provider pays a refund out to the buyer (an after-sales refund, a cancelled paid order, compensation); causeType and causeId name what caused it.',
    schema: data({
      refundId: Id,
      paymentId: Id,
      orderId: Id,
      orderLineId: Nullable(Id),
      amountFen: Fen,
      causeType: Type.String(),
      causeId: Id,
      refundedAt: Timestamp,
    }),
  },
];
