import { type TSchema, Type } from '@sinclair/typebox';
import type { EventDefinition } from '../../platform/outbox.ts';
import { Fen, Id, Timestamp } from '../../platform/schemas.ts';

const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);
const data = (properties: Record<string, TSchema>) =>
  Type.Object(properties, { additionalProperties: false });
const order = { resource: 'order', shopScoped: true, version: 1 } as const;

/**
 * The order's events (migration 0109): written by triggers on `orders` (and `shipments` for
 * order.shipped), in the transaction that moved the order, whichever path moved it.
 */
export const orderEvents: EventDefinition[] = [
  {
    ...order,
    type: 'order.created',
    summary: 'An order was placed',
    description:
      'Written when checkout creates the order (one per shop of a checkout), unpaid (state pending_payment); a checkout that pays at once writes payment.captured and order.paid after it.',
    schema: data({
      orderId: Id,
      groupId: Id,
      state: Type.String(),
      itemsFen: Fen,
      shippingFen: Fen,
      shopDiscountFen: Fen,
      platformDiscountFen: Fen,
      totalFen: Fen,
      liveSessionId: Nullable(Id),
      paymentDueAt: Timestamp,
      createdAt: Timestamp,
    }),
  },
  {
    ...order,
    type: 'order.paid',
    summary: 'An order was paid',
    description:
      "Written when the order's payment succeeds and the order moves to paid (the ship-by time starts).",
    schema: data({ orderId: Id, totalFen: Fen, paidAt: Timestamp, shipByAt: Nullable(Timestamp) }),
  },
  {
    ...order,
    type: 'order.shipped',
    summary: 'An order was shipped',
    description:
      'Written when the shop ships the order (one request or a bulk shipment): the carrier and waybill.',
    schema: data({
      orderId: Id,
      shipmentId: Id,
      carrier: Type.String(),
      trackingNumber: Type.String(),
      shippedAt: Timestamp,
    }),
  },
  {
    ...order,
    type: 'order.delivered',
    summary: 'An order was delivered',
    description: 'Written when the carrier reports the parcel delivered.',
    schema: data({ orderId: Id, deliveredAt: Timestamp }),
  },
  {
    ...order,
    type: 'order.completed',
    summary: 'An order was completed',
    description:
      'Written when the buyer confirms receipt, or the auto-confirm deadline confirms it; the after-sales window starts.',
    schema: data({ orderId: Id, completedAt: Timestamp }),
  },
  {
    ...order,
    type: 'order.cancelled',
    summary: 'An order was cancelled',
    description:
      'Written when an unpaid order is cancelled (by the buyer, or when payment did not come in time) or a paid, unshipped order is refunded in full.',
    schema: data({
      orderId: Id,
      previousState: Type.String(),
      reason: Nullable(Type.String()),
      cancelledAt: Timestamp,
    }),
  },
];
