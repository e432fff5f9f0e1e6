import type { Guards, Transitions } from '../../platform/state-machine.ts';
import type { ArbitrationOutcome, ArbitrationState, RequestState, ReturnState } from './aftersales.tables.ts';

/** The refund money lives in payments, which owns the `refunds` table and its machine. */
export { refundTransitions } from '../payments/index.ts';

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

/** What an arbitration decision says, checked before the arbitration moves to decided. */
export interface DecisionFacts {
  outcome: ArbitrationOutcome;
  amountFen: number | undefined;
  counterfeit: boolean;
  requestedFen: number;
}

const field = (name: string, reason: string) => ({
  code: 'validation_failed' as const,
  message: `${name}: ${reason}`,
  details: { fields: [{ field: name, reason }] },
});

/** The guards of the arbitration machine: a decision names an amount only when partial, below the request. */
export const arbitrationGuards: Guards<ArbitrationState, DecisionFacts> = {
  decided: (d) => {
    if (d.outcome === 'partial') {
      if (d.amountFen === undefined) return field('amountFen', 'a partial decision names the amount');
      if (d.amountFen < 1 || d.amountFen >= d.requestedFen)
        return field(
          'amountFen',
          `a partial award is between 1 and ${d.requestedFen - 1} fen (below the requested ${d.requestedFen})`,
        );
    } else if (d.amountFen !== undefined) {
      return field('amountFen', `only a partial decision names an amount (this one is ${d.outcome})`);
    }
    if (d.counterfeit && d.outcome === 'reject')
      return field('counterfeit', 'a counterfeit is confirmed only with a full or partial award');
    return null;
  },
};
