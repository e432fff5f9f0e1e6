import type { Insertable } from 'kysely';
import type { PlatformConfig } from '../configuration/index.ts';
import type { ActionContext, Actor } from './action-context.ts';
import type { AftersalesRequestsTable } from './aftersales.tables.ts';
import type { RuleDecision } from './decision.ts';
import { refundUnshippedOrder } from './money/index.ts';
import { cancelRefundedOrder, returnAddressOfShop } from './request-steps.ts';
import { insertDecidedRequest, type MoveReason, type RequestRow } from './request-store.ts';
import { type RequestView, requestFields } from './request-view.ts';
import { openReturnParcelView } from './return-parcel-store.ts';

/*
 * The openings the rules decide at once (product rules §5), written in their final state: 极速退款
 * (refunded, the unshipped order cancelled when refunded in full) and 闪电退货 (awaiting the return
 * with the address). Same rows as opening then moving the request (open-request.ts's slow path), in
 * about half the statements, and the answer built from what was written instead of read back.
 */

type NewRequest = Omit<
  Insertable<AftersalesRequestsTable>,
  'state' | 'deadlineAt' | 'deadlineAction' | 'createdAt' | 'updatedAt' | 'closedAt' | 'configVersion'
>;

export interface DecidedOpening {
  /** The context of the system's decision (actor SYSTEM). */
  ac: ActionContext;
  buyer: Actor;
  values: NewRequest;
  opened: MoveReason;
  decision: RuleDecision<'approve'> & MoveReason;
  line: {
    title: string;
    spec: string;
    unitPriceFen: number;
    quantity: number;
    lineFen: number;
    guarantees: string[];
  };
}

/**
 * 极速退款: the request stored refunded, the refund out of escrow, and an order refunded in full
 * cancelled. `order` is locked and `paid`; `refunds` what was refunded of it before (late duplicate
 * payments left out) and the payment that paid it, read under that lock.
 */
export async function refundAtOpening(
  opening: DecidedOpening,
  order: { id: number; state: string; buyerId: number; totalFen: number },
  refunds: { orderFen: number; payingPaymentId: number | null },
  config: Pick<PlatformConfig, 'promotions'>,
): Promise<RequestView> {
  const { ac, values, decision } = opening;
  const amountFen = values.requestedFen;
  const { row, timeline } = await insertDecidedRequest(ac, opening.buyer, values, opening.opened, {
    to: 'refunded',
    why: decision,
    set: { approvedFen: amountFen, autoRule: decision.rule },
  });
  const { refundId } = await refundUnshippedOrder(ac.tx, {
    requestId: row.id,
    order,
    orderLineId: row.orderLineId!,
    amountFen,
    reason: `after-sales request ${row.id} (${row.type})`,
    now: ac.now,
    ...(refunds.payingPaymentId === null ? {} : { paymentId: refunds.payingPaymentId }),
  });
  if (refunds.orderFen + amountFen >= order.totalFen)
    await cancelRefundedOrder(ac.tx, row, order.buyerId, ac.now, config);
  const refund = {
    id: refundId,
    amountFen,
    source: 'escrow' as const,
    state: 'pending' as const,
    createdAt: ac.now,
    completedAt: null,
  };
  return viewOfNew(ac, row, timeline, opening.line, { refunds: [refund], returnShipment: null });
}

/** 闪电退货: the request stored awaiting the return, with the shop's return address and its deadline. */
export async function approveReturnAtOpening(opening: DecidedOpening): Promise<RequestView> {
  const { ac, values, decision } = opening;
  const address = await returnAddressOfShop(ac.tx, values.shopId);
  const { row, timeline } = await insertDecidedRequest(ac, opening.buyer, values, opening.opened, {
    to: 'awaiting_return',
    why: decision,
    set: { autoRule: decision.rule },
  });
  const returnShipment = await openReturnParcelView(ac.tx, row.id, address, ac.now);
  return viewOfNew(ac, row, timeline, opening.line, { refunds: [], returnShipment });
}

/** `requestView` of a request written in this transaction, from what was written (same shape and values). */
function viewOfNew(
  ac: ActionContext,
  request: RequestRow,
  timeline: Awaited<ReturnType<typeof insertDecidedRequest>>['timeline'],
  line: DecidedOpening['line'],
  parts: Pick<RequestView, 'refunds' | 'returnShipment'>,
): RequestView {
  const { title, spec, unitPriceFen, quantity, lineFen, guarantees } = line;
  return {
    ...requestFields(request, ac.policy.policy),
    line: { title, spec, unitPriceFen, quantity, lineFen, guarantees },
    returnShipment: parts.returnShipment,
    reshipment: null,
    arbitration: null,
    timeline: timeline.map(({ explanationZh, explanationEn, ...e }) => ({
      ...e,
      explanation: { zh: explanationZh, en: explanationEn },
    })),
    evidence: [],
    communications: [],
    refunds: parts.refunds,
    compensations: [],
  };
}
