import type { Transitions } from '../../platform/state-machine.ts';
import type { RefundState } from '../payments/payments.tables.ts';
import type { ArbitrationState, RequestState, ReturnState } from './aftersales.tables.ts';

/**
 * The four machines of after-sales (product rules §5), each as data. Every non-terminal request state has
 * a stored deadline and default action (rules/request-deadline.rule.ts).
 *
 * Request (negotiation):
 * - pending_merchant: the merchant approves, rejects (after a recorded communication), or stays silent
 *   (approved; for a guarantee claim the platform pays from the deposit)
 * - awaiting_return → return_shipped: the buyer ships the return; the merchant confirms receipt (refund,
 *   or for an exchange awaiting_reship) or refuses it (rejected)
 * - awaiting_reship: exchange or resend, the merchant ships the replacement (resolved)
 * - rejected: the buyer resubmits (a new request closes this one), escalates, or lets it close
 * - in_arbitration: ops decide (refunded or closed)
 */
export const requestTransitions = {
  pending_merchant: [
    'refunded',
    'awaiting_return',
    'awaiting_reship',
    'rejected',
    'in_arbitration',
    'closed',
  ],
  awaiting_return: ['return_shipped', 'closed'],
  return_shipped: ['refunded', 'awaiting_reship', 'rejected', 'in_arbitration', 'closed'],
  awaiting_reship: ['resolved', 'refunded', 'closed'],
  rejected: ['in_arbitration', 'closed'],
  in_arbitration: ['refunded', 'closed'],
  refunded: [],
  resolved: [],
  closed: [],
} as const satisfies Transitions<RequestState>;

export const TERMINAL_REQUEST_STATES: readonly RequestState[] = ['refunded', 'resolved', 'closed'];

/** The return parcel: the buyer ships it; the merchant receives it or refuses it at receipt. */
export const returnTransitions = {
  awaiting_shipment: ['shipped'],
  shipped: ['received', 'refused'],
  received: [],
  refused: [],
} as const satisfies Transitions<ReturnState>;

/** Arbitration: 48 h for the merchant's evidence, then ops decide (full, partial, reject). */
export const arbitrationTransitions = {
  awaiting_evidence: ['awaiting_decision', 'decided'],
  awaiting_decision: ['decided'],
  decided: [],
} as const satisfies Transitions<ArbitrationState>;

/**
 * The refund money (the `refunds` table of payments): requested, then paid out by the provider once;
 * a provider failure is retried by the durable deadline until it succeeds or is given up as failed.
 */
export const refundTransitions = {
  pending: ['succeeded', 'failed'],
  succeeded: [],
  failed: [],
} as const satisfies Transitions<RefundState>;
