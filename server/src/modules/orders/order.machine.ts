import type { Transitions } from '../../platform/state-machine.ts';
import type { OrderState } from './orders.tables.ts';

/**
 * product rules §2: pending_payment → paid → shipped → delivered → completed, or cancelled.
 * A buyer may confirm receipt before the carrier reports delivery (shipped → completed); a paid,
 * unshipped order may be cancelled with a full refund.
 */
export const orderTransitions = {
  pending_payment: ['paid', 'cancelled'],
  paid: ['shipped', 'cancelled'],
  shipped: ['delivered', 'completed'],
  delivered: ['completed'],
  completed: [],
  cancelled: [],
} as const satisfies Transitions<OrderState>;

export const ORDER_STATES = Object.keys(orderTransitions) as OrderState[];
