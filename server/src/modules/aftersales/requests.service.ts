import { sql } from 'kysely';
import type { Principal } from '../../platform/access.ts';
import { platformTimeText } from '../../platform/config.ts';
import { type Executor, isUniqueViolation, type Tx } from '../../platform/db.ts';
import { AppError, invalidField, notFound } from '../../platform/errors.ts';
import { cancelDeadline, scheduleDeadline } from '../../platform/scheduler/index.ts';
import type { Settings } from '../../platform/settings.ts';
import { currentPolicy, type PolicyVersion } from '../configuration/index.ts';
import { requireOwnFiles } from '../files/index.ts';
import { CARRIER_NAMES, type Carrier, SHIP_BY } from '../fulfilment/index.ts';
import { moveOrder, releaseOrderStock } from '../orders/index.ts';
import { decide, recordActivity } from '../risk/index.ts';
import { lockShopStatus } from '../settlement/index.ts';
import { requireShopMember } from '../shops/index.ts';
import type { RequestType } from './aftersales.tables.ts';
import { type Explanation, yuan } from './decision.ts';
import { payReturnFreight, refundForRequest } from './money/index.ts';
import { isHighRefundBuyer } from './protection/index.ts';
import { isReason, isSubjectiveReason, REASONS } from './reasons.ts';
import {
  type Actor,
  lockRequest,
  type MoveReason,
  moveRequest,
  type RequestRow,
  recordEvent,
  requireBeforeDeadline,
  requireState,
  setRequestDeadline,
} from './request-store.ts';
import { guaranteeClaim } from './rules/guarantee-claim.rule.ts';
import { instantRefund } from './rules/instant-refund.rule.ts';
import { lightningReturn } from './rules/lightning-return.rule.ts';
import { withinNoReasonWindow } from './rules/no-reason-window.rule.ts';
import { refundableFen } from './rules/refundable.rule.ts';
import { receiptExtensionAllowed, stateDeadline } from './rules/request-deadline.rule.ts';
import { requestOpening } from './rules/request-opening.rule.ts';
import { reasonFits } from './rules/request-options.rule.ts';

export interface EvidenceInput {
  text?: string;
  fileIds?: number[];
}

export interface OpenRequestInput {
  orderId: number;
  orderLineId: number;
  type: Exclude<RequestType, 'late_shipment_compensation'>;
  reason: string;
  quantity: number;
  /** What to ask back; default: all that remains refundable for the quantity. */
  amountFen?: number;
  description?: string;
  guaranteeCode?: string;
  evidence?: EvidenceInput;
}

const REFUND_TYPES: readonly RequestType[] = ['refund_only_unshipped', 'refund_only', 'guarantee_claim'];
const RETURN_TYPES: readonly RequestType[] = ['return_refund', 'exchange'];

/**
 * A buyer opens an after-sales request on a line of their order (product rules §5). Inside one
 * transaction: the rules of opening (type fits the order, window, at most 5 per line, one open at a
 * time), the amount (never above what remains refundable), the guarantee claim rules, and then the
 * automation: 极速退款 refunds an unshipped order at once, 闪电退货 approves a return at once, a
 * counterfeit claim on a 假一赔十 line goes straight to arbitration; everything else waits for the
 * merchant with its deadline. A rejected request on the line is superseded by the new one.
 */
export async function openRequest(
  tx: Tx,
  principal: Principal,
  input: OpenRequestInput,
  now: Date,
  settings: Settings,
): Promise<number> {
  const buyerId = principal.userId;
  const peek = await tx
    .selectFrom('orders')
    .select(['shopId', 'buyerId'])
    .where('id', '=', input.orderId)
    .executeTakeFirst();
  if (!peek || peek.buyerId !== buyerId) throw notFound('order', input.orderId);
  if (!isReason(input.reason))
    throw invalidField('reason', `must be one of ${Object.keys(REASONS).join(', ')}`);
  // Stopping a shipment races the merchant shipping: take the ship-by deadline row first, as shipping does.
  if (input.type === 'refund_only_unshipped') await lockShipBy(tx, input.orderId);
  // Money of a shop moves under its status lock, taken before order rows (settlement's lock order).
  await lockShopStatus(tx, peek.shopId, now);
  const order = await tx
    .selectFrom('orders')
    .select(['id', 'shopId', 'state', 'deliveredAt', 'completedAt', 'totalFen'])
    .where('id', '=', input.orderId)
    .forUpdate()
    .executeTakeFirstOrThrow();
  const line = await tx
    .selectFrom('orderLines as l')
    .innerJoin('products as p', 'p.id', 'l.productId')
    .innerJoin('categories as c', 'c.id', 'p.categoryId')
    .select([
      'l.id',
      'l.skuId',
      'l.lineFen',
      'l.quantity',
      'l.guarantees',
      'c.customMade',
      'c.isVirtual',
      'c.perishable',
      'c.regulatedType',
    ])
    .where('l.id', '=', input.orderLineId)
    .where('l.orderId', '=', input.orderId)
    .executeTakeFirst();
  if (!line) throw invalidField('orderLineId', `is not a line of order ${input.orderId}`);
  if (input.quantity > line.quantity)
    throw invalidField('quantity', `the line has ${line.quantity} unit(s); at most ${line.quantity}`);

  const policy = await currentPolicy(tx);
  const history = await tx
    .selectFrom('aftersalesRequests')
    .select(['id', 'state'])
    .where('orderLineId', '=', line.id)
    .execute();
  const open = history.filter((r) => !['refunded', 'resolved', 'closed'].includes(r.state));
  // A rejected request is superseded by a new one (§5: a rejected buyer may submit again).
  const superseded = open.find((r) => r.state === 'rejected');
  const opening = requestOpening(
    {
      type: input.type,
      orderState: order.state,
      deliveredAt: order.deliveredAt,
      completedAt: order.completedAt,
      now,
      requestsOnLine: history.length,
      hasOpenRequest: open.length > (superseded ? 1 : 0),
    },
    policy.policy,
  );
  if (!opening.ok) {
    if (opening.code === 'conflict') throw conflictOn(opening.field, opening.reason);
    throw invalidField(opening.field, opening.reason);
  }
  // The reasons the buyer app offers are the ones accepted: melted is no reason to return a phone.
  const fit = reasonFits(
    {
      orderState: order.state,
      guarantees: line.guarantees,
      perishable: line.perishable,
      regulatedType: line.regulatedType,
      customMade: line.customMade,
      isVirtual: line.isVirtual,
      noReasonWindowOpen:
        order.deliveredAt !== null && withinNoReasonWindow(order.deliveredAt, now, policy.policy),
    },
    input.type,
    input.reason,
  );
  if (!fit.ok) throw invalidField(fit.field, fit.reason);

  const refunded = await refundedOnLine(tx, line.id);
  const maxFen = refundableFen({
    lineFen: line.lineFen,
    lineQuantity: line.quantity,
    quantity: input.quantity,
    refundedOnLineFen: refunded.fen,
    refundedUnits: Math.min(refunded.units, line.quantity - input.quantity),
  });
  const wantsMoney = input.type !== 'resend';
  if (wantsMoney && maxFen === 0)
    throw conflictOn('orderLineId', `order line ${line.id} has nothing left to refund`);
  const requestedFen = input.amountFen ?? maxFen;
  if (requestedFen > maxFen)
    throw invalidField('amountFen', `at most ${maxFen} fen remains refundable for ${input.quantity} unit(s)`);
  if (wantsMoney && requestedFen === 0) throw invalidField('amountFen', 'must be positive');

  const fileIds = input.evidence?.fileIds ?? [];
  if (fileIds.length > 0) await requireOwnFiles(tx, buyerId, fileIds).catch(underEvidence);
  if (input.type === 'guarantee_claim') {
    const claim = guaranteeClaim(
      {
        code: input.guaranteeCode ?? '',
        lineGuarantees: line.guarantees,
        deliveredAt: order.deliveredAt,
        now,
        photoCount: fileIds.length,
      },
      policy.policy,
    );
    if (!claim.ok) throw invalidField(claim.field, claim.reason);
  } else if (input.guaranteeCode !== undefined) {
    throw invalidField('guaranteeCode', 'only a guarantee_claim names a guarantee');
  }

  if (superseded) {
    const old = await lockRequest(tx, superseded.id);
    await moveRequest(tx, old, 'closed', { kind: 'buyer', id: buyerId }, words('superseded'), policy, now);
  }
  let requestId: number;
  try {
    const row = await tx
      .insertInto('aftersalesRequests')
      .values({
        orderId: order.id,
        orderLineId: line.id,
        buyerId,
        shopId: order.shopId,
        type: input.type,
        reason: input.reason,
        description: input.description ?? null,
        guaranteeCode: input.guaranteeCode ?? null,
        quantity: input.quantity,
        requestedFen,
        approvedFen: null,
        state: 'pending_merchant',
        // set by the first move below
        deadlineAt: now,
        deadlineAction: 'approve',
        attempt: history.length + 1,
        autoRule: null,
        configVersion: policy.version,
        createdAt: now,
        updatedAt: now,
        closedAt: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    requestId = row.id;
  } catch (err) {
    if (isUniqueViolation(err))
      throw conflictOn('orderLineId', `order line ${line.id} already has an open request`);
    throw err;
  }
  const buyer: Actor = { kind: 'buyer', id: buyerId };
  const created = await lockRequest(tx, requestId);
  await recordEvent(
    tx,
    created,
    'pending_merchant',
    buyer,
    words('opened', { type: input.type, fen: requestedFen }),
    policy,
    now,
    null,
  );
  if (input.evidence && (input.evidence.text || fileIds.length > 0))
    await insertEvidence(tx, requestId, 'buyer', buyerId, input.evidence, now);

  const system: Actor = { kind: 'system', id: null };
  // The after-sales checkpoint of the trust engine (product rules §6: buyer abuse as in §5): anything but
  // `allow` takes the automation away, and a `review` opens a case for ops.
  const entities = { buyer: String(buyerId), shop: String(order.shopId), sku: String(line.skuId) };
  const trust = await decide(tx, {
    checkpoint: 'aftersales_request',
    subject: { type: 'user', id: buyerId },
    facts: {
      requested_fen: requestedFen,
      type: input.type,
      reason: input.reason,
      subjective_reason: isSubjectiveReason(input.reason),
    },
    entities,
    now,
  });
  await recordActivity(tx, { counter: 'refund_requests', entities, now });
  if (trust.outcome !== 'allow') {
    const reasons = trust.fired.map((f) => f.reason);
    await recordEvent(
      tx,
      created,
      'pending_merchant',
      system,
      {
        rule: 'trust_engine',
        inputs: { decisionId: trust.decisionId, outcome: trust.outcome, fired: trust.fired.map((f) => f.id) },
        explanation: {
          zh: `风控提示：${reasons.map((r) => r.zh).join('；')}，本申请不自动处理，由商家处理`,
          en: `Risk check: ${reasons.map((r) => r.en).join('; ')}; this request is not decided automatically`,
        },
      },
      policy,
      now,
    );
  }
  const highRefund = trust.outcome !== 'allow' || (await isHighRefundBuyer(tx, buyerId));
  if (input.type === 'refund_only_unshipped') {
    const decision = instantRefund(
      {
        orderState: order.state,
        amountFen: requestedFen,
        buyerHighRefund: highRefund,
        customMade: line.customMade,
        isVirtual: line.isVirtual,
      },
      policy.policy,
    );
    if (decision.outcome === 'approve') {
      await refundAndEnd(
        tx,
        created,
        requestedFen,
        'order',
        system,
        decision,
        policy,
        now,
        settings,
        decision.rule,
      );
      return requestId;
    }
    await waitForMerchant(tx, created, decision, policy, now);
    return requestId;
  }
  if (input.type === 'return_refund' && input.reason !== 'counterfeit') {
    const decision = lightningReturn(
      {
        guarantees: line.guarantees,
        deliveredAt: order.deliveredAt,
        now,
        reason: input.reason,
        amountFen: requestedFen,
        customMade: line.customMade,
        isVirtual: line.isVirtual,
        buyerHighRefund: highRefund,
      },
      policy.policy,
    );
    if (decision.outcome === 'approve') {
      await approveReturn(tx, created, system, decision, policy, now, decision.rule);
      return requestId;
    }
    await waitForMerchant(tx, created, decision, policy, now);
    return requestId;
  }
  if (input.reason === 'counterfeit' && line.guarantees.includes('fake_pays_n')) {
    // 假一赔十 needs a counterfeit confirmed by arbitration (§4): straight there, the merchant has 48 h for evidence.
    await openArbitration(
      tx,
      created,
      'system',
      system,
      words('counterfeit_to_arbitration', { n: policy.policy.fakePaysMultiplier }),
      policy,
      now,
    );
    return requestId;
  }
  await waitForMerchant(tx, created, null, policy, now);
  return requestId;
}

/** A file check's error, renamed to where the ids sit in the open request's body. */
function underEvidence(err: unknown): never {
  if (err instanceof AppError && err.code === 'validation_failed') {
    const fields = ((err.details.fields ?? []) as { field: string; reason: string }[]).map((f) => ({
      ...f,
      field: `evidence.${f.field}`,
    }));
    throw new AppError(err.code, `evidence.${err.message}`, { ...err.details, fields });
  }
  throw err;
}

/** 409 naming the field whose record is in the way. */
function conflictOn(field: string, reason: string): AppError {
  return new AppError('conflict', `${field}: ${reason}`, { fields: [{ field, reason }] });
}

/** Stays pending_merchant, now with its deadline; a rule that declined says why. */
async function waitForMerchant(
  tx: Tx,
  request: RequestRow,
  declined: { rule: string; inputs: Record<string, unknown>; explanation: Explanation } | null,
  policy: PolicyVersion,
  now: Date,
) {
  const why = declined ?? words('waiting_for_merchant');
  // Same state: store the deadline of pending_merchant and the reason, through the one move path.
  await moveIntoSameState(tx, request, why, policy, now);
}

async function moveIntoSameState(
  tx: Tx,
  request: RequestRow,
  why: MoveReason,
  policy: PolicyVersion,
  now: Date,
) {
  const next = stateDeadline(
    { type: request.type, state: request.state, receiptExtended: request.receiptExtended },
    policy.policy,
  )!;
  const deadlineAt = new Date(now.getTime() + next.afterMs);
  await tx
    .updateTable('aftersalesRequests')
    .set({ deadlineAt, deadlineAction: next.action, updatedAt: now })
    .where('id', '=', request.id)
    .execute();
  await recordEvent(tx, request, request.state, { kind: 'system', id: null }, why, policy, now);
  await setRequestDeadline(tx, request.id, deadlineAt);
}

/** Approves a return: the buyer gets the return address and the return clock starts. */
async function approveReturn(
  tx: Tx,
  request: RequestRow,
  actor: Actor,
  why: MoveReason,
  policy: PolicyVersion,
  now: Date,
  autoRule: string | null = null,
) {
  const shop = await tx
    .selectFrom('shops')
    .select(['id', 'name'])
    .where('id', '=', request.shopId)
    .executeTakeFirstOrThrow();
  await tx
    .insertInto('returnShipments')
    .values({ requestId: request.id, returnAddress: returnAddress(shop), updatedAt: now })
    .onConflict((oc) => oc.column('requestId').doNothing())
    .execute();
  return moveRequest(tx, request, 'awaiting_return', actor, why, policy, now, autoRule ? { autoRule } : {});
}

function returnAddress(shop: { id: number; name: string }): string {
  return `${shop.name} 售后退货仓 / After-sales returns, shop #${shop.id}`;
}

/**
 * Refunds a request and ends it: the money through `refundForRequest` (escrow, clawback or deposit,
 * once per request), the request refunded. An unshipped order refunded in full is cancelled, its
 * stock released and its ship-by promise dropped (极速退款 stops the shipment); a return of an insured
 * line pays the buyer's return freight.
 */
export async function refundAndEnd(
  tx: Tx,
  request: RequestRow,
  amountFen: number,
  funding: 'order' | 'deposit',
  actor: Actor,
  why: MoveReason,
  policy: PolicyVersion,
  now: Date,
  settings: Settings,
  autoRule: string | null = null,
) {
  await refundForRequest(
    tx,
    {
      requestId: request.id,
      orderId: request.orderId,
      orderLineId: request.orderLineId,
      amountFen,
      reason: `after-sales request ${request.id} (${request.type})`,
      funding,
      now,
    },
    settings,
  );
  const moved = await moveRequest(tx, request, 'refunded', actor, why, policy, now, {
    approvedFen: amountFen,
    ...(autoRule ? { autoRule } : {}),
  });
  if (request.type === 'refund_only_unshipped') await cancelIfFullyRefunded(tx, request, now);
  if (request.type === 'return_refund') {
    await payReturnFreight(
      tx,
      { requestId: request.id, orderId: request.orderId, buyerId: request.buyerId, now },
      settings,
    );
  }
  return moved;
}

async function cancelIfFullyRefunded(tx: Tx, request: RequestRow, now: Date) {
  const order = await tx
    .selectFrom('orders')
    .select(['state', 'totalFen', 'buyerId'])
    .where('id', '=', request.orderId)
    .executeTakeFirstOrThrow();
  if (order.state !== 'paid') return;
  const refunded = await sql<{ fen: number }>`
    select coalesce(sum(amount_fen), 0)::bigint as fen from refunds
    where order_id = ${request.orderId} and state in ('pending', 'succeeded') and cause_type <> 'payment'`.execute(
    tx,
  );
  if (refunded.rows[0]!.fen < order.totalFen) return;
  await cancelDeadline(tx, SHIP_BY, request.orderId);
  await moveOrder(tx, {
    orderId: request.orderId,
    to: 'cancelled',
    actor: { kind: 'system', id: null },
    at: now,
    note: `refunded in full by after-sales request ${request.id}; shipment stopped`,
    set: { cancelledAt: now, cancelReason: 'refunded before shipment' },
  });
  await releaseOrderStock(tx, request.orderId, order.buyerId);
}

async function lockShipBy(tx: Tx, orderId: number) {
  await tx
    .selectFrom('deadlines')
    .select('id')
    .where('kind', '=', SHIP_BY)
    .where('subjectId', '=', orderId)
    .where('status', '=', 'pending')
    .forUpdate()
    .execute();
}

/** Opens arbitration on a request: 48 h for the merchant's evidence, then ops decide. */
export async function openArbitration(
  tx: Tx,
  request: RequestRow,
  openedBy: 'buyer' | 'merchant' | 'system',
  actor: Actor,
  why: MoveReason,
  policy: PolicyVersion,
  now: Date,
) {
  const evidenceDueAt = new Date(now.getTime() + policy.policy.arbitrationEvidenceMs);
  const row = await tx
    .insertInto('arbitrations')
    .values({ requestId: request.id, state: 'awaiting_evidence', openedBy, evidenceDueAt, createdAt: now })
    .returning('id')
    .executeTakeFirstOrThrow();
  await scheduleDeadline(tx, { kind: ARBITRATION_EVIDENCE, subjectId: row.id, dueAt: evidenceDueAt });
  return moveRequest(tx, request, 'in_arbitration', actor, why, policy, now);
}

export const ARBITRATION_EVIDENCE = 'aftersales.arbitration_evidence';

/** Money refunded (or being refunded) on a line, and the units the refunded requests covered. */
export async function refundedOnLine(tx: Executor, lineId: number): Promise<{ fen: number; units: number }> {
  const r = await sql<{ fen: number; units: number }>`
    select
      (select coalesce(sum(amount_fen), 0)::bigint from refunds
        where order_line_id = ${lineId} and state in ('pending', 'succeeded')) as fen,
      (select coalesce(sum(quantity), 0)::int from aftersales_requests
        where order_line_id = ${lineId} and state = 'refunded') as units`.execute(tx);
  return r.rows[0]!;
}

export async function insertEvidence(
  tx: Tx,
  requestId: number,
  party: 'buyer' | 'merchant' | 'ops',
  userId: number,
  evidence: EvidenceInput,
  now: Date,
) {
  await tx
    .insertInto('aftersalesEvidence')
    .values({
      requestId,
      party,
      submittedBy: userId,
      text: evidence.text ?? null,
      fileIds: evidence.fileIds ?? [],
      at: now,
    })
    .execute();
}

// ---- merchant actions -------------------------------------------------------------------------

/** The request, locked, after checking the principal is a member of its shop (else 404). */
async function merchantRequest(tx: Tx, principal: Principal, requestId: number): Promise<RequestRow> {
  const peek = await tx
    .selectFrom('aftersalesRequests')
    .select('shopId')
    .where('id', '=', requestId)
    .executeTakeFirst();
  if (!peek) throw notFound('after-sales request', requestId);
  await requireShopMember(tx, principal, peek.shopId);
  return lockRequest(tx, requestId);
}

async function buyerRequest(tx: Tx, principal: Principal, requestId: number): Promise<RequestRow> {
  const request = await lockRequest(tx, requestId).catch(() => null);
  if (!request || request.buyerId !== principal.userId) throw notFound('after-sales request', requestId);
  return request;
}

/**
 * The merchant approves (product rules §5): a refund is paid at once (仅退款 approved without a return), a
 * return gets its address, a resend waits for the replacement parcel.
 */
export async function approveRequest(
  tx: Tx,
  principal: Principal,
  requestId: number,
  now: Date,
  settings: Settings,
) {
  const request = await merchantRequest(tx, principal, requestId);
  requireState(request, ['pending_merchant'], 'approving');
  requireBeforeDeadline(request, now);
  const policy = await currentPolicy(tx);
  const merchant: Actor = { kind: 'merchant', id: principal.userId };
  await approve(
    tx,
    request,
    merchant,
    words('merchant_approved', { fen: request.requestedFen }),
    policy,
    now,
    settings,
  );
}

/** Approval by whoever decides (the merchant, or the system when the merchant was silent). */
export async function approve(
  tx: Tx,
  request: RequestRow,
  actor: Actor,
  why: MoveReason,
  policy: PolicyVersion,
  now: Date,
  settings: Settings,
) {
  if (request.type === 'refund_only_unshipped') await lockShipBy(tx, request.orderId);
  if (REFUND_TYPES.includes(request.type))
    return refundAndEnd(tx, request, request.requestedFen, 'order', actor, why, policy, now, settings);
  if (RETURN_TYPES.includes(request.type)) return approveReturn(tx, request, actor, why, policy, now);
  return moveRequest(tx, request, 'awaiting_reship', actor, why, policy, now);
}

/** A merchant records a communication with the buyer (needed before rejecting). */
export async function recordCommunication(
  tx: Tx,
  principal: Principal,
  requestId: number,
  input: { channel: 'phone' | 'chat' | 'sms' | 'other'; summary: string },
  now: Date,
): Promise<number> {
  const request = await merchantRequest(tx, principal, requestId);
  requireState(
    request,
    ['pending_merchant', 'return_shipped', 'awaiting_reship', 'in_arbitration'],
    'recording a communication',
  );
  const row = await tx
    .insertInto('aftersalesCommunications')
    .values({
      requestId,
      recordedBy: principal.userId,
      channel: input.channel,
      summary: input.summary,
      at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/**
 * The merchant rejects a request, or refuses a returned parcel at receipt. product rules §5 (2024 rules):
 * only after a recorded communication with the buyer. The buyer may then resubmit or escalate.
 */
export async function rejectRequest(
  tx: Tx,
  principal: Principal,
  requestId: number,
  input: { communicationId: number; reason: string },
  now: Date,
) {
  const request = await merchantRequest(tx, principal, requestId);
  requireState(request, ['pending_merchant', 'return_shipped'], 'rejecting');
  requireBeforeDeadline(request, now);
  const communication = await tx
    .selectFrom('aftersalesCommunications')
    .select('id')
    .where('id', '=', input.communicationId)
    .where('requestId', '=', requestId)
    .executeTakeFirst();
  if (!communication)
    throw invalidField(
      'communicationId',
      `record a communication with the buyer on request ${requestId} first`,
    );
  const policy = await currentPolicy(tx);
  if (request.state === 'return_shipped') {
    await tx
      .updateTable('returnShipments')
      .set({ state: 'refused', updatedAt: now })
      .where('requestId', '=', requestId)
      .execute();
  }
  await moveRequest(
    tx,
    request,
    'rejected',
    { kind: 'merchant', id: principal.userId },
    words('merchant_rejected', { reason: input.reason, communicationId: input.communicationId }),
    policy,
    now,
  );
}

/** The merchant confirms the returned parcel arrived: a return is refunded, an exchange reshipped. */
export async function confirmReturnReceipt(
  tx: Tx,
  principal: Principal,
  requestId: number,
  now: Date,
  settings: Settings,
) {
  const request = await merchantRequest(tx, principal, requestId);
  requireState(request, ['return_shipped'], 'confirming receipt');
  requireBeforeDeadline(request, now);
  const policy = await currentPolicy(tx);
  await tx
    .updateTable('returnShipments')
    .set({ state: 'received', receivedAt: now, updatedAt: now })
    .where('requestId', '=', requestId)
    .execute();
  const merchant: Actor = { kind: 'merchant', id: principal.userId };
  if (request.type === 'exchange')
    return moveRequest(
      tx,
      request,
      'awaiting_reship',
      merchant,
      words('return_received_exchange'),
      policy,
      now,
    );
  return refundAndEnd(
    tx,
    request,
    request.requestedFen,
    'order',
    merchant,
    words('return_received', { fen: request.requestedFen }),
    policy,
    now,
    settings,
  );
}

/** One extension of the receipt deadline (product rules §5: one 7-day extension). */
export async function extendReceipt(tx: Tx, principal: Principal, requestId: number, now: Date) {
  const request = await merchantRequest(tx, principal, requestId);
  requireState(request, ['return_shipped'], 'extending the receipt deadline');
  requireBeforeDeadline(request, now);
  if (!receiptExtensionAllowed(request.receiptExtended))
    throw new AppError('conflict', `the receipt deadline of request ${requestId} was already extended once`);
  const policy = await currentPolicy(tx);
  const deadlineAt = new Date(request.deadlineAt!.getTime() + policy.policy.receiptExtensionMs);
  await tx
    .updateTable('aftersalesRequests')
    .set({ receiptExtended: true, deadlineAt, updatedAt: now })
    .where('id', '=', requestId)
    .execute();
  await recordEvent(
    tx,
    request,
    request.state,
    { kind: 'merchant', id: principal.userId },
    words('receipt_extended', { until: deadlineAt }),
    policy,
    now,
  );
  await setRequestDeadline(tx, requestId, deadlineAt);
}

/** The merchant ships the replacement of an exchange or a resend: the request is resolved. */
export async function reship(
  tx: Tx,
  principal: Principal,
  requestId: number,
  input: { carrier: Carrier; trackingNumber: string },
  now: Date,
) {
  const request = await merchantRequest(tx, principal, requestId);
  requireState(request, ['awaiting_reship'], 'shipping a replacement');
  requireBeforeDeadline(request, now);
  const policy = await currentPolicy(tx);
  await tx
    .insertInto('reshipments')
    .values({
      requestId,
      carrier: input.carrier,
      trackingNumber: input.trackingNumber.toUpperCase(),
      shippedBy: principal.userId,
      shippedAt: now,
    })
    .execute();
  await moveRequest(
    tx,
    request,
    'resolved',
    { kind: 'merchant', id: principal.userId },
    words('reshipped', { carrier: input.carrier, tracking: input.trackingNumber.toUpperCase() }),
    policy,
    now,
  );
}

// ---- buyer actions ----------------------------------------------------------------------------

/** The buyer hands the return to a carrier; the merchant's receipt clock starts (7 days). */
export async function shipReturn(
  tx: Tx,
  principal: Principal,
  requestId: number,
  input: { carrier: Carrier; trackingNumber: string },
  now: Date,
) {
  const request = await buyerRequest(tx, principal, requestId);
  requireState(request, ['awaiting_return'], 'shipping the return');
  requireBeforeDeadline(request, now);
  const policy = await currentPolicy(tx);
  const trackingNumber = input.trackingNumber.toUpperCase();
  await tx
    .updateTable('returnShipments')
    .set({ state: 'shipped', carrier: input.carrier, trackingNumber, shippedAt: now, updatedAt: now })
    .where('requestId', '=', requestId)
    .execute();
  await moveRequest(
    tx,
    request,
    'return_shipped',
    { kind: 'buyer', id: principal.userId },
    words('return_shipped', { carrier: input.carrier, tracking: trackingNumber }),
    policy,
    now,
  );
}

/** The buyer withdraws the request. */
export async function cancelRequest(tx: Tx, principal: Principal, requestId: number, now: Date) {
  const request = await buyerRequest(tx, principal, requestId);
  requireState(
    request,
    ['pending_merchant', 'awaiting_return', 'rejected', 'awaiting_reship'],
    'withdrawing',
  );
  const policy = await currentPolicy(tx);
  await moveRequest(
    tx,
    request,
    'closed',
    { kind: 'buyer', id: principal.userId },
    words('withdrawn'),
    policy,
    now,
  );
}

/** The buyer escalates a rejected request to arbitration (within the 7-day window). */
export async function escalateRequest(
  tx: Tx,
  principal: Principal,
  requestId: number,
  input: { reason: string },
  now: Date,
) {
  const request = await buyerRequest(tx, principal, requestId);
  requireState(request, ['rejected'], 'escalating');
  requireBeforeDeadline(request, now);
  const policy = await currentPolicy(tx);
  await openArbitration(
    tx,
    request,
    'buyer',
    { kind: 'buyer', id: principal.userId },
    words('escalated', { reason: input.reason }),
    policy,
    now,
  );
}

/** Evidence from the buyer or the merchant; the merchant's evidence in arbitration ends its 48 h window. */
export async function addEvidence(
  tx: Tx,
  principal: Principal,
  requestId: number,
  evidence: EvidenceInput,
  now: Date,
): Promise<void> {
  const peek = await tx
    .selectFrom('aftersalesRequests')
    .select(['buyerId', 'shopId'])
    .where('id', '=', requestId)
    .executeTakeFirst();
  if (!peek) throw notFound('after-sales request', requestId);
  let party: 'buyer' | 'merchant';
  if (principal.kind === 'buyer') {
    if (peek.buyerId !== principal.userId) throw notFound('after-sales request', requestId);
    party = 'buyer';
  } else {
    await requireShopMember(tx, principal, peek.shopId);
    party = 'merchant';
  }
  const request = await lockRequest(tx, requestId);
  requireState(
    request,
    [
      'pending_merchant',
      'awaiting_return',
      'return_shipped',
      'awaiting_reship',
      'rejected',
      'in_arbitration',
    ],
    'adding evidence',
  );
  if (!evidence.text && (evidence.fileIds ?? []).length === 0)
    throw invalidField('text', 'give a text, files, or both');
  if ((evidence.fileIds ?? []).length > 0) await requireOwnFiles(tx, principal.userId, evidence.fileIds!);
  await insertEvidence(tx, requestId, party, principal.userId, evidence, now);
  if (party === 'merchant' && request.state === 'in_arbitration') {
    await tx
      .updateTable('arbitrations')
      .set({ state: 'awaiting_decision' })
      .where('requestId', '=', requestId)
      .where('state', '=', 'awaiting_evidence')
      .execute();
  }
}

// ---- plain words ------------------------------------------------------------------------------

type Words = Record<string, unknown>;

/** The explanation of a human or system step, by key. Automated rule decisions bring their own. */
export function words(key: string, v: Words = {}): MoveReason {
  const fen = typeof v.fen === 'number' ? yuan(v.fen) : '';
  const until = v.until instanceof Date ? platformTimeText(v.until) : '';
  const carrier = CARRIER_NAMES[v.carrier as Carrier] ?? { zh: String(v.carrier), en: String(v.carrier) };
  const table: Record<string, Explanation> = {
    opened: { zh: `买家发起售后申请，申请金额${fen}`, en: `The buyer opened a request for ${fen}` },
    superseded: {
      zh: '买家重新提交了申请，本申请关闭',
      en: 'The buyer submitted a new request; this one is closed',
    },
    waiting_for_merchant: { zh: '等待商家处理', en: 'Waiting for the merchant to answer' },
    merchant_approved: { zh: `商家同意了申请（${fen}）`, en: `The merchant approved the request (${fen})` },
    merchant_rejected: {
      zh: `商家在与买家沟通后拒绝了申请：${String(v.reason)}。买家可在7天内重新提交或申请平台介入`,
      en: `After talking with the buyer the merchant rejected the request: ${String(v.reason)}. The buyer may resubmit or ask the platform to arbitrate within 7 days`,
    },
    return_received: {
      zh: `商家确认收到退货，已退款${fen}`,
      en: `The merchant confirmed the return arrived; ${fen} refunded`,
    },
    return_received_exchange: {
      zh: '商家确认收到退货，将寄出换货',
      en: 'The merchant confirmed the return arrived and will send the replacement',
    },
    receipt_extended: {
      zh: `商家延长了一次收货期限，至${until}`,
      en: `The merchant extended the receipt deadline once, to ${until}`,
    },
    reshipped: {
      zh: `商家已寄出：${carrier.zh} ${String(v.tracking)}`,
      en: `The merchant sent the replacement: ${carrier.en} ${String(v.tracking)}`,
    },
    return_shipped: {
      zh: `买家已寄回：${carrier.zh} ${String(v.tracking)}`,
      en: `The buyer shipped the return: ${carrier.en} ${String(v.tracking)}`,
    },
    withdrawn: { zh: '买家撤销了申请', en: 'The buyer withdrew the request' },
    escalated: {
      zh: `买家申请平台介入：${String(v.reason)}`,
      en: `The buyer asked the platform to arbitrate: ${String(v.reason)}`,
    },
    counterfeit_to_arbitration: {
      zh: `买家投诉假货，商品承诺假一赔${String(v.n)}，由平台仲裁认定；商家有48小时提交证据`,
      en: `The buyer reports a counterfeit on a fake-pays-${String(v.n)} item: the platform arbitrates; the merchant has 48 h to submit evidence`,
    },
  };
  const explanation = table[key];
  if (!explanation) throw new Error(`no words for ${key}`);
  return { explanation };
}
