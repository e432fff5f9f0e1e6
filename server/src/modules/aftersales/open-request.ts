import { NoResultError } from 'kysely';
import { isUniqueViolation, type Tx } from '../../platform/db.ts';
import { AppError, invalidField, notFound } from '../../platform/errors.ts';
import { categoryTraitsOfProduct } from '../catalog/index.ts';
import { currentConfig } from '../configuration/index.ts';
import { requireOwnFiles } from '../files/index.ts';
import { lockOrderForAftersales, orderLineForAftersales, orderParties } from '../orders/index.ts';
import { type LineRefundFacts, refundFactsOfLine } from '../payments/index.ts';
import { type Decision, decide, recordActivity } from '../risk/index.ts';
import { lockShopStatus } from '../settlement/index.ts';
import { type ActionContext, type Call, SYSTEM } from './action-context.ts';
import type { RequestType } from './aftersales.tables.ts';
import { evaluateBuyerTier } from './good-buyer.service.ts';
import { approveReturnAtOpening, type DecidedOpening, refundAtOpening } from './open-decided.ts';
import { isHighRefundBuyer } from './protection/index.ts';
import { isQualityReason, isReason, isSubjectiveReason, REASONS, type Reason } from './reasons.ts';
import {
  approveReturn,
  type EvidenceInput,
  insertEvidence,
  lockShipBy,
  openArbitration,
  refundAndEnd,
  refundUnshippedAndEnd,
  waitForMerchant,
} from './request-steps.ts';
import { insertRequest, lockRequest, moveRequest, type RequestRow, recordEvent } from './request-store.ts';
import { type RequestView, requestView } from './request-view.ts';
import { words } from './request-words.ts';
import { fastClaim } from './rules/fast-claim.rule.ts';
import type { GoodBuyerDecision } from './rules/good-buyer.rule.ts';
import { guaranteeClaim } from './rules/guarantee-claim.rule.ts';
import { instantRefund } from './rules/instant-refund.rule.ts';
import { lightningReturn } from './rules/lightning-return.rule.ts';
import { withinNoReasonWindow } from './rules/no-reason-window.rule.ts';
import { refundableFen } from './rules/refundable.rule.ts';
import { requestOpening } from './rules/request-opening.rule.ts';
import { reasonFits } from './rules/request-options.rule.ts';
import { approveOnProtectedSku } from './sku-protection-step.ts';

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

type Order = Awaited<ReturnType<typeof lockOrderForAftersales>>;
type Line = Awaited<ReturnType<typeof lineFacts>>;

/**
 * A buyer opens an after-sales request on a line of their order (product rules §5). Inside the
 * caller's transaction: the rules of opening (type fits the order, window, at most 5 per line, one
 * open at a time), the amount (never above what remains refundable), the guarantee claim rules, and
 * then the automation (`automate`). A rejected request on the line is superseded by the new one.
 */
export async function openRequest(call: Call, input: OpenRequestInput): Promise<number> {
  return (await open(call, input)).id;
}

/** `openRequest`, answering with the request as its view shows it (`requestView`). */
export async function openRequestView(call: Call, input: OpenRequestInput): Promise<RequestView> {
  const opened = await open(call, input);
  return opened.view ?? requestView(call.tx, call.principal, opened.id);
}

/**
 * Types whose automation at opening may move a shop's money: a refund of a settled order is clawed back
 * from the merchant, an unanswered claim paid from the deposit. 极速退款 refunds an unshipped order from
 * escrow (nothing of it is settled) and the other types move no money when opened, so they need no
 * shop-wide lock: the order row, which settlement and every refund of the order lock too, is enough.
 */
const MAY_MOVE_SHOP_MONEY: ReadonlySet<RequestType> = new Set(['refund_only', 'guarantee_claim']);

async function open(call: Call, input: OpenRequestInput): Promise<{ id: number; view: RequestView | null }> {
  const { tx, now } = call;
  const buyerId = call.principal.userId;
  const notTheirs = () => notFound('order', input.orderId);
  // Money of a shop moves under its status lock, taken before order rows (settlement's lock order):
  // the order is peeked at for its shop. Other types lock the order row first and check it then.
  const shopLock = MAY_MOVE_SHOP_MONEY.has(input.type);
  const peek = shopLock ? await orderParties(tx, input.orderId) : null;
  if (shopLock && (!peek || peek.buyerId !== buyerId)) throw notTheirs();
  // Stopping a shipment races the merchant shipping: take the ship-by deadline row first, as shipping does.
  if (input.type === 'refund_only_unshipped') await lockShipBy(tx, input.orderId);
  if (peek) await lockShopStatus(tx, peek.shopId, now);
  const order = await lockOrderForAftersales(tx, input.orderId).catch((err: unknown) => {
    if (err instanceof NoResultError) throw notTheirs();
    throw err;
  });
  if (order.buyerId !== buyerId) throw notTheirs();
  if (!isReason(input.reason))
    throw invalidField('reason', `must be one of ${Object.keys(REASONS).join(', ')}`);
  const line = await lineFacts(tx, input);
  // The configuration in force, read once: the after-sales policy and the coupon rule of a cancellation.
  const { version, config } = await currentConfig(tx);
  const ac: ActionContext = {
    tx,
    actor: { kind: 'buyer', id: buyerId },
    now,
    policy: { version, policy: config.aftersales },
    settings: call.settings,
  };

  // By order and line: the order's index finds them (the line's own index covers open requests only).
  const history = await tx
    .selectFrom('aftersalesRequests')
    .select(['id', 'state', 'quantity'])
    .where('orderId', '=', order.id)
    .where('orderLineId', '=', line.id)
    .execute();
  const open = history.filter((r) => !['refunded', 'resolved', 'closed'].includes(r.state));
  // A rejected request is superseded by a new one (§5: a rejected buyer may submit again).
  const superseded = open.find((r) => r.state === 'rejected');
  checkOpening(ac, input, order, line, {
    requestsOnLine: history.length,
    hasOpenRequest: open.length > (superseded ? 1 : 0),
  });
  // units the refunded requests covered (`refundedOnLine`'s units, from the rows just read)
  const refundedUnits = history.filter((r) => r.state === 'refunded').reduce((n, r) => n + r.quantity, 0);
  const asked = await amountAsked(tx, input, order, line, refundedUnits);
  const requestedFen = asked.requestedFen;
  await checkEvidenceAndClaim(ac, input, order, line);

  // A claim keeps the buyer's tier as its decision saw it (product rules §7.6: measured per tier).
  const tier = input.type === 'guarantee_claim' ? (await evaluateBuyerTier(tx, buyerId, now)).decision : null;
  const values = {
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
    attempt: history.length + 1,
    autoRule: null,
    buyerTier: tier?.outcome ?? null,
  };
  const trust = await trustDecision(ac, values, line);
  const hasEvidence =
    !!input.evidence && (!!input.evidence.text || (input.evidence.fileIds ?? []).length > 0);
  const opened = words('opened', { type: input.type, fen: requestedFen });

  // Decided at once by the rules (极速退款, 闪电退货): written in its final state in a few statements.
  const decision =
    superseded || hasEvidence || trust.decision.outcome !== 'allow'
      ? null
      : decidedAtOpening({ ...ac, actor: SYSTEM }, values, order, line, trust.highRefund);
  if (decision) {
    const opening: DecidedOpening = {
      ac: { ...ac, actor: SYSTEM },
      buyer: ac.actor,
      values,
      opened,
      decision,
      line,
    };
    try {
      const view =
        input.type === 'refund_only_unshipped'
          ? await refundAtOpening(opening, order, asked.refunds, config)
          : await approveReturnAtOpening(opening);
      return { id: view.id, view };
    } catch (err) {
      if (isUniqueViolation(err))
        throw conflictOn('orderLineId', `order line ${line.id} already has an open request`);
      throw err;
    }
  }

  if (superseded) await moveRequest(ac, await lockRequest(tx, superseded.id), 'closed', words('superseded'));
  let created: RequestRow;
  try {
    created = await insertRequest(ac, values);
  } catch (err) {
    if (isUniqueViolation(err))
      throw conflictOn('orderLineId', `order line ${line.id} already has an open request`);
    throw err;
  }
  await recordEvent(ac, created, 'pending_merchant', opened, null);
  if (hasEvidence)
    await insertEvidence(tx, created.id, { party: 'buyer', userId: buyerId }, input.evidence!, now);
  if (trust.decision.outcome !== 'allow') await recordTrustEvent(ac, created, trust.decision);
  await automate({ ...ac, actor: SYSTEM }, created, order, line, trust.highRefund, tier);
  return { id: created.id, view: null };
}

type Asked = { reason: string; requestedFen: number };

/** 极速退款's rule on this request (§5). */
function instantRefundOf(ac: ActionContext, request: Asked, order: Order, line: Line, highRefund: boolean) {
  const facts = {
    orderState: order.state,
    amountFen: request.requestedFen,
    buyerHighRefund: highRefund,
    customMade: line.customMade,
    isVirtual: line.isVirtual,
  };
  return instantRefund(facts, ac.policy.policy);
}

/** 闪电退货's rule on this request (§5). */
function lightningReturnOf(ac: ActionContext, request: Asked, order: Order, line: Line, highRefund: boolean) {
  const facts = {
    guarantees: line.guarantees,
    deliveredAt: order.deliveredAt,
    now: ac.now,
    reason: request.reason,
    amountFen: request.requestedFen,
    customMade: line.customMade,
    isVirtual: line.isVirtual,
    buyerHighRefund: highRefund,
  };
  return lightningReturn(facts, ac.policy.policy);
}

/**
 * The rule that decides this opening at once without reading more, when it approves: 极速退款 for a
 * refund of an unshipped order, 闪电退货 for a return with a reason no protected-SKU step takes (a
 * quality reason may be the protection's, §8.5, and a counterfeit claim is arbitration's). Null when
 * the request goes the general way (`automate`), which then decides it the same.
 */
function decidedAtOpening(
  ac: ActionContext,
  request: { type: RequestType; reason: string; requestedFen: number },
  order: Order,
  line: Line,
  highRefund: boolean,
): DecidedOpening['decision'] | null {
  let decision: ReturnType<typeof instantRefund> | ReturnType<typeof lightningReturn> | null = null;
  if (request.type === 'refund_only_unshipped') {
    decision = instantRefundOf(ac, request, order, line, highRefund);
  } else if (
    request.type === 'return_refund' &&
    request.reason !== 'counterfeit' &&
    !isQualityReason(request.reason)
  ) {
    decision = lightningReturnOf(ac, request, order, line, highRefund);
  }
  return decision?.outcome === 'approve' ? (decision as DecidedOpening['decision']) : null;
}

/** The line of the order, with the traits of its product's category the rules read. */
async function lineFacts(tx: Tx, input: OpenRequestInput) {
  const line = await orderLineForAftersales(tx, input.orderLineId, input.orderId);
  if (!line) throw invalidField('orderLineId', `is not a line of order ${input.orderId}`);
  if (input.quantity > line.quantity)
    throw invalidField('quantity', `the line has ${line.quantity} unit(s); at most ${line.quantity}`);
  return { ...line, ...(await categoryTraitsOfProduct(tx, line.productId)) };
}

/** The rules of opening, and the reasons the buyer app offers are the ones accepted. */
function checkOpening(
  ac: ActionContext,
  input: OpenRequestInput,
  order: Order,
  line: Line,
  onLine: { requestsOnLine: number; hasOpenRequest: boolean },
) {
  const { now } = ac;
  const policy = ac.policy.policy;
  const opening = requestOpening(
    {
      type: input.type,
      orderState: order.state,
      deliveredAt: order.deliveredAt,
      completedAt: order.completedAt,
      now,
      ...onLine,
    },
    policy,
  );
  if (!opening.ok) {
    if (opening.code === 'conflict') throw conflictOn(opening.field, opening.reason);
    throw invalidField(opening.field, opening.reason);
  }
  // melted is no reason to return a phone
  const fit = reasonFits(
    {
      orderState: order.state,
      guarantees: line.guarantees,
      perishable: line.perishable,
      regulatedType: line.regulatedType,
      customMade: line.customMade,
      isVirtual: line.isVirtual,
      noReasonWindowOpen: order.deliveredAt !== null && withinNoReasonWindow(order.deliveredAt, now, policy),
    },
    input.type,
    input.reason as Reason, // checked by isReason on entry
  );
  if (!fit.ok) throw invalidField(fit.field, fit.reason);
}

/**
 * What the request asks back: never above what remains refundable for the quantity, of what the buyer
 * paid for the line (its coupon discounts taken off). §9: a refund before shipment that takes the last
 * of an order's items returns its shipping fee too (the whole order refunded returns its total).
 */
async function amountAsked(
  tx: Tx,
  input: OpenRequestInput,
  order: Order,
  line: Line,
  refundedUnits: number,
): Promise<{ requestedFen: number; refunds: LineRefundFacts }> {
  // the line's and the order's refunds and the paying payment, one statement
  const refunds = await refundFactsOfLine(tx, { orderId: order.id, orderLineId: line.id });
  const refunded = { fen: refunds.lineFen, units: refundedUnits };
  let maxFen = refundableFen({
    lineFen: line.paidFen,
    lineQuantity: line.quantity,
    quantity: input.quantity,
    refundedOnLineFen: refunded.fen,
    refundedUnits: Math.min(refunded.units, line.quantity - input.quantity),
  });
  if (input.type === 'refund_only_unshipped' && order.state === 'paid' && order.shippingFen > 0) {
    const orderLeft = order.totalFen - refunds.orderFen;
    if (maxFen > 0 && maxFen === orderLeft - order.shippingFen) maxFen = orderLeft;
  }
  const wantsMoney = input.type !== 'resend';
  if (wantsMoney && maxFen === 0)
    throw conflictOn('orderLineId', `order line ${line.id} has nothing left to refund`);
  const requestedFen = input.amountFen ?? maxFen;
  if (requestedFen > maxFen)
    throw invalidField('amountFen', `at most ${maxFen} fen remains refundable for ${input.quantity} unit(s)`);
  if (wantsMoney && requestedFen === 0) throw invalidField('amountFen', 'must be positive');
  return { requestedFen, refunds };
}

/** The buyer's own files as evidence; a guarantee claim by its rules, and only a claim names a guarantee. */
async function checkEvidenceAndClaim(ac: ActionContext, input: OpenRequestInput, order: Order, line: Line) {
  const fileIds = input.evidence?.fileIds ?? [];
  if (fileIds.length > 0) await requireOwnFiles(ac.tx, ac.actor.id!, fileIds).catch(underEvidence);
  if (input.type === 'guarantee_claim') {
    const claim = guaranteeClaim(
      {
        code: input.guaranteeCode ?? '',
        lineGuarantees: line.guarantees,
        deliveredAt: order.deliveredAt,
        now: ac.now,
        photoCount: fileIds.length,
      },
      ac.policy.policy,
    );
    if (!claim.ok) throw invalidField(claim.field, claim.reason);
  } else if (input.guaranteeCode !== undefined) {
    throw invalidField('guaranteeCode', 'only a guarantee_claim names a guarantee');
  }
}

/**
 * The after-sales checkpoint of the trust engine (product rules §6: buyer abuse as in §5): anything
 * but `allow` takes the automation away (high refund: treat as a high-refund buyer), and a `review`
 * opens a case for ops. Taken before the request is written; its event is recorded after.
 */
async function trustDecision(
  ac: ActionContext,
  request: Pick<RequestRow, 'buyerId' | 'shopId' | 'requestedFen' | 'type' | 'reason'>,
  line: Line,
) {
  const { tx, now } = ac;
  const entities = { buyer: String(request.buyerId), shop: String(request.shopId), sku: String(line.skuId) };
  const decision = await decide(tx, {
    checkpoint: 'aftersales_request',
    subject: { type: 'user', id: request.buyerId },
    facts: {
      requested_fen: request.requestedFen,
      type: request.type,
      reason: request.reason,
      subjective_reason: isSubjectiveReason(request.reason),
    },
    entities,
    now,
  });
  await recordActivity(tx, { counter: 'refund_requests', entities, now });
  const highRefund = decision.outcome === 'allow' ? await isHighRefundBuyer(tx, request.buyerId) : true;
  return { decision, highRefund };
}

/** The trust engine's word on the request's timeline, when it did not allow the automation. */
async function recordTrustEvent(ac: ActionContext, request: RequestRow, trust: Decision) {
  const reasons = trust.fired.map((f) => f.reason);
  await recordEvent({ ...ac, actor: SYSTEM }, request, 'pending_merchant', {
    rule: 'trust_engine',
    inputs: { decisionId: trust.decisionId, outcome: trust.outcome, fired: trust.fired.map((f) => f.id) },
    explanation: {
      zh: `风控提示：${reasons.map((r) => r.zh).join('；')}，本申请不自动处理，由商家处理`,
      en: `Risk check: ${reasons.map((r) => r.en).join('; ')}; this request is not decided automatically`,
    },
  });
}

/**
 * Decided by the system where the rules allow: 极速退款 refunds an unshipped order at once, 闪电退货
 * approves a return at once, a counterfeit claim on a 假一赔十 line goes straight to arbitration, a
 * good buyer's guarantee claim within the fast-claim limit is refunded at once (§7.6), a quality request on
 * a protected SKU is approved at once (§8.5, before the others); everything
 * else waits for the merchant with its deadline.
 */
async function automate(
  ac: ActionContext,
  request: RequestRow,
  order: Order,
  line: Line,
  highRefund: boolean,
  tier: GoodBuyerDecision | null,
) {
  const policy = ac.policy.policy;
  if (request.type === 'refund_only_unshipped') {
    const decision = instantRefundOf(ac, request, order, line, highRefund);
    if (decision.outcome !== 'approve') return waitForMerchant(ac, request, decision);
    await refundUnshippedAndEnd(ac, request, order, decision, decision.rule);
    return;
  }
  // 平台主动保障 (§8.5): a protected SKU's quality requests are approved before any other rule.
  if (await approveOnProtectedSku(ac, request, line, highRefund)) return;
  if (request.type === 'return_refund' && request.reason !== 'counterfeit') {
    const decision = lightningReturnOf(ac, request, order, line, highRefund);
    if (decision.outcome !== 'approve') return waitForMerchant(ac, request, decision);
    await approveReturn(ac, request, decision, decision.rule);
    return;
  }
  if (request.reason === 'counterfeit' && line.guarantees.includes('fake_pays_n')) {
    // 假一赔十 needs a counterfeit confirmed by arbitration (§4): straight there, the merchant has 48 h for evidence.
    await openArbitration(
      ac,
      request,
      'system',
      words('counterfeit_to_arbitration', { n: policy.fakePaysMultiplier }),
    );
    return;
  }
  if (request.type === 'guarantee_claim' && tier && !highRefund) {
    const { config } = await currentConfig(ac.tx);
    const decision = fastClaim({ tier, amountFen: request.requestedFen }, config.buyers);
    // Others go the normal way (their tier is kept on the claim); a good buyer above the limit is told why.
    if (decision.outcome !== 'approve')
      return waitForMerchant(ac, request, tier.outcome === 'good' ? decision : null);
    // Approved as the merchant's approval would be: refunded from the order, once per request.
    await refundAndEnd(
      ac,
      request,
      { amountFen: request.requestedFen, funding: 'order' },
      decision,
      decision.rule,
    );
    return;
  }
  await waitForMerchant(ac, request, null);
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
export function conflictOn(field: string, reason: string): AppError {
  return new AppError('conflict', `${field}: ${reason}`, { fields: [{ field, reason }] });
}
