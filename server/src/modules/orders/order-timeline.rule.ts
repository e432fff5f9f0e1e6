import type { OrderState } from './orders.tables.ts';

export interface TimelineEvent {
  fromState: OrderState | null;
  toState: OrderState;
  actorKind: string;
  actorId: number | null;
  note: string | null;
  at: Date;
}

/**
 * An order's timeline: the two events every paid order has in the same shape are read from the order
 * row instead of stored (checkout writes one event fewer per order, confirmation another): placed by
 * the buyer at `createdAt`, and, when `paidAt` is set, "payment received" from the provider. An order
 * leaves `pending_payment` only to `paid` or `cancelled`, so both come before every stored event.
 */
export function orderTimeline(
  order: { buyerId: number; createdAt: Date; paidAt: Date | null },
  stored: readonly TimelineEvent[],
): TimelineEvent[] {
  const placed: TimelineEvent = {
    fromState: null,
    toState: 'pending_payment',
    actorKind: 'buyer',
    actorId: order.buyerId,
    note: null,
    at: order.createdAt,
  };
  if (order.paidAt === null) return [placed, ...stored];
  const paid: TimelineEvent = {
    fromState: 'pending_payment',
    toState: 'paid',
    actorKind: 'provider',
    actorId: null,
    note: 'payment received',
    at: order.paidAt,
  };
  return [placed, paid, ...stored];
}
