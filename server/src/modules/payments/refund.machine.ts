import type { Transitions } from '../../platform/state-machine.ts';
import type { RefundState } from './payments.tables.ts';

/**
 * A refund: requested, then paid out by the provider once; a provider failure is retried by the
 * durable deadline until it succeeds or is given up as failed.
 */
export const refundTransitions = {
  pending: ['succeeded', 'failed'],
  succeeded: [],
  failed: [],
} as const satisfies Transitions<RefundState>;
