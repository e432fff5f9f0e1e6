import { canTransition, type Transitions } from '../../platform/state-machine.ts';
import type { PaymentState } from './payments.tables.ts';

/**
 * A payment waits for the provider's answer. When none comes in time it is `timed_out`, but the
 * provider may still report success later (the money then came in for an order that may be
 * cancelled: it is refunded automatically).
 */
export const paymentTransitions = {
  pending: ['succeeded', 'failed', 'timed_out'],
  timed_out: ['succeeded', 'failed'],
  succeeded: [],
  failed: [],
} as const satisfies Transitions<PaymentState>;

export const PAYMENT_STATES = Object.keys(paymentTransitions) as PaymentState[];

/** The states from which a payment may take `to`: what the set-based updates of a batch move. */
export function paymentStatesInto(to: PaymentState): PaymentState[] {
  return PAYMENT_STATES.filter((from) => canTransition(paymentTransitions, from, to));
}

/** A payment still waiting for the provider's answer (it may succeed or fail). */
export const AWAITING_ANSWER: readonly PaymentState[] = paymentStatesInto('succeeded');
