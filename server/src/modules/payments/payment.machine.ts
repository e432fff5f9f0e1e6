import type { Transitions } from '../../platform/state-machine.ts';
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
