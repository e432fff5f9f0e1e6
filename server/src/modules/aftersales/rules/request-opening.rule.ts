import type { AftersalesPolicy } from '../../configuration/index.ts';
import type { RequestType } from '../aftersales.tables.ts';
import { duration } from '../decision.ts';

export interface RequestOpeningInput {
  type: RequestType;
  orderState: string;
  deliveredAt: Date | null;
  completedAt: Date | null;
  now: Date;
  /** Requests ever opened on the order line, whatever their state. */
  requestsOnLine: number;
  hasOpenRequest: boolean;
}

export type RequestOpeningCheck =
  | { ok: true }
  | { ok: false; field: string; reason: string; code: 'validation_failed' | 'conflict' };

type BuyerRequestType = Exclude<RequestType, 'late_shipment_compensation'>;

// product rules §5: which order states each type of request fits.
const FITTING_ORDER_STATES: Record<BuyerRequestType, readonly string[]> = {
  refund_only_unshipped: ['paid'],
  refund_only: ['shipped', 'delivered', 'completed'],
  return_refund: ['delivered', 'completed'],
  exchange: ['delivered', 'completed'],
  resend: ['delivered', 'completed'],
  guarantee_claim: ['delivered', 'completed'],
};

/**
 * Whether a buyer may open a request of this type on an order line (product rules §5): the type fits the
 * order's state, a completed order is still within its after-sales window, the line has no open
 * request and fewer than `maxRequestsPerLine` requests so far. Late-shipment compensation is opened
 * by the platform only.
 */
export function requestOpening(
  input: RequestOpeningInput,
  policy: Pick<AftersalesPolicy, 'requestWindowAfterCompletionMs' | 'maxRequestsPerLine'>,
): RequestOpeningCheck {
  const { type, orderState } = input;
  const invalid = (field: string, reason: string) =>
    ({ ok: false, field, reason, code: 'validation_failed' }) as const;
  const conflict = (reason: string) =>
    ({ ok: false, field: 'orderLineId', reason, code: 'conflict' }) as const;

  if (type === 'late_shipment_compensation') {
    return invalid('type', 'late_shipment_compensation is opened by the platform, never by a buyer');
  }
  if (orderState === 'pending_payment') return invalid('order', 'the order is not paid');
  if (orderState === 'cancelled') return invalid('order', 'the order is cancelled');
  const fitting = FITTING_ORDER_STATES[type];
  if (!fitting.includes(orderState)) {
    return invalid(
      'type',
      `${type} is for orders that are ${fitting.join(', ')}; this order is ${orderState}`,
    );
  }
  if (orderState === 'completed' && input.completedAt) {
    const closesAt = new Date(input.completedAt.getTime() + policy.requestWindowAfterCompletionMs);
    if (input.now >= closesAt) {
      const window = duration(policy.requestWindowAfterCompletionMs).en;
      return invalid(
        'order',
        `after-sales requests close ${window} after completion, at ${closesAt.toISOString()}`,
      );
    }
  }
  if (input.hasOpenRequest) return conflict('the order line already has an open after-sales request');
  if (input.requestsOnLine >= policy.maxRequestsPerLine) {
    return conflict(
      `the order line already has ${input.requestsOnLine} requests; at most ${policy.maxRequestsPerLine} are allowed`,
    );
  }
  return { ok: true };
}
