import type { Tx } from '../../../platform/db.ts';
import { AppError, invalidField, notFound } from '../../../platform/errors.ts';
import type { Fen } from '../../../platform/money.ts';
import type { Settings } from '../../../platform/settings.ts';
import { accounts, balanceOf, type PostingInput, postEntry } from '../../ledger/index.ts';
import { lineAmountOf } from '../../orders/index.ts';
import { payingPayment, refundedFen, refundOfCause, requestRefunds } from '../../payments/index.ts';
import { getOrderSettlement, type OrderSettlement, proRata } from '../../settlement/index.ts';
import { chargeMerchant } from './merchant-charge.service.ts';
import { type LockedOrder, lockOrderForMoney, refundedOfOrder } from './order-money.ts';

export type RefundSource = 'escrow' | 'clawback' | 'deposit';

export interface RequestRefundInput {
  requestId: number;
  orderId: number;
  /** The line refunded, or null for the order as a whole. */
  orderLineId: number | null;
  amountFen: Fen;
  reason: string;
  /**
   * 'order': the order's own money (escrow before settlement, clawed back after). 'deposit': a
   * guarantee claim the merchant left unanswered, paid from the merchant's deposit (product rules §4).
   */
  funding: 'order' | 'deposit';
  now: Date;
}

export interface RequestRefund {
  refundId: number;
  source: RefundSource;
  /** True when this request had been refunded before and nothing moved now. */
  replayed: boolean;
}

/**
 * The one way after-sales pays a buyer back, inside the caller's transaction (product rules §5). Takes the
 * shop's status lock, then the order row. Once per request: a replay returns the first refund.
 *
 * - Never above what was paid: the line's amount less its refunds, and the order's less all of its
 *   refunds; else `refund_exceeds_paid` (409).
 * - Order not settled (no settlement, or a frozen one): the refund leaves escrow, and settlement later
 *   settles what is left.
 * - Order settled: the platform and creator commissions are reversed pro rata to the refund, the
 *   merchant's part is charged back (available balance, then deposit, then the guarantee fund); all
 *   of it lands in escrow first, and the refund leaves from there.
 * - Funding 'deposit': the whole amount is charged to the merchant, deposit first (the rule says "from
 *   the deposit"; a deposit left short must be topped up within 7 days), then the available balance,
 *   then the guarantee fund. The order's settlement is unaffected: the merchant pays from the deposit
 *   instead of from this order's proceeds.
 *
 * The refund itself is paid by the payments module's EXECUTE_REFUND deadline, from escrow.
 */
export async function refundForRequest(
  tx: Tx,
  input: RequestRefundInput,
  settings: Pick<Settings, 'depositTopUpMs'>,
): Promise<RequestRefund> {
  const { requestId, orderId, amountFen, now } = input;
  const cause = { type: 'aftersales_request', id: requestId };
  const order = await lockOrderForMoney(tx, orderId, now);
  if (!order) throw notFound('order', orderId);

  const earlier = await refundOfCause(tx, { orderId, cause });
  if (earlier) return { refundId: earlier.id, source: earlier.source, replayed: true };

  if (!Number.isSafeInteger(amountFen) || amountFen <= 0)
    throw invalidField('amountFen', 'must be a positive whole number of fen');
  const paymentId = await payingPayment(tx, orderId);
  await requireRefundable(tx, order, input, paymentId);

  let source: RefundSource;
  if (input.funding === 'deposit') {
    source = 'deposit';
    await chargeMerchant(
      tx,
      {
        shopId: order.shopId,
        orderId,
        amountFen,
        kind: 'refund_clawback',
        cause,
        to: accounts.escrow,
        reason: `paid from the deposit for an unanswered claim: ${input.reason}`,
        coverShortfall: true,
        order: 'deposit_first',
        now,
      },
      settings,
    );
  } else {
    const settlement = await getOrderSettlement(tx, orderId);
    if (settlement === null || settlement.state === 'frozen') {
      source = 'escrow';
    } else {
      source = 'clawback';
      await clawBack(tx, { order, settlement, requestId, amountFen, reason: input.reason, now }, settings);
    }
  }

  const [refundId] = await requestRefunds(
    tx,
    [{ paymentId, orderId, amountFen, reason: input.reason, cause, source, orderLineId: input.orderLineId }],
    now,
  );
  // Nothing else refunds this cause while the shop's status lock is held.
  if (refundId === undefined) throw new Error(`refund of request ${requestId} appeared under the shop lock`);
  return { refundId, source, replayed: false };
}

async function requireRefundable(tx: Tx, order: LockedOrder, input: RequestRefundInput, paymentId: number) {
  const refusal = (what: string, refundableFen: Fen) =>
    new AppError(
      'refund_exceeds_paid',
      `refund of ${input.amountFen} fen is more than the ${refundableFen} fen left unrefunded on the ${what}`,
      { orderId: order.id, orderLineId: input.orderLineId, amountFen: input.amountFen, refundableFen },
    );
  const orderLeft = order.totalFen - (await refundedOfOrder(tx, order.id, paymentId));
  if (input.orderLineId !== null) {
    // What the buyer paid for the line (coupon discounts off), less what was refunded of it.
    const paidFen = await lineAmountOf(tx, order.id, input.orderLineId);
    if (paidFen === undefined) throw notFound('order line', input.orderLineId);
    const left = paidFen - (await refundedFen(tx, { orderLineId: input.orderLineId }));
    // §9: refunding the last of an unshipped order's items returns its shipping with them.
    const lastWithShipping =
      order.state === 'paid' && input.amountFen === orderLeft && orderLeft - left === order.shippingFen;
    if (input.amountFen > left && !lastWithShipping) throw refusal('line', left);
  }
  if (input.amountFen > orderLeft) throw refusal('order', orderLeft);
}

/**
 * Moves a settled order's share of a refund back into escrow (product rules §5): the commissions pro rata,
 * counted over all clawbacks of the order so that rounding never reverses more than was earned; the
 * creator's part up to what the creator still holds (the guarantee fund covers the rest); the
 * merchant's part charged to the merchant.
 */
async function clawBack(
  tx: Tx,
  input: {
    order: LockedOrder;
    settlement: OrderSettlement;
    requestId: number;
    amountFen: Fen;
    reason: string;
    now: Date;
  },
  settings: Pick<Settings, 'depositTopUpMs'>,
) {
  const { order, settlement, requestId, amountFen, now } = input;
  const clawedFen = await refundedFen(tx, { orderId: order.id, source: 'clawback' });
  const whole = settlement.settledFen;
  const share = (commission: Fen) =>
    proRata(commission, clawedFen + amountFen, whole) - proRata(commission, clawedFen, whole);
  const platformFen = Math.min(share(settlement.platformCommissionFen), amountFen);
  // Two roundings up may pass the refund by a fen; the merchant's part never goes below zero.
  const creatorFen = Math.min(share(settlement.creatorCommissionFen), amountFen - platformFen);
  // §9: the platform's subsidy paid for the refunded part goes back to it, from the merchant.
  const subsidyFen = share(settlement.subsidyFen);
  const merchantFen = amountFen - platformFen - creatorFen + subsidyFen;

  const postings: PostingInput[] = [{ account: accounts.platformCommissionRevenue, amountFen: -platformFen }];
  if (creatorFen > 0 && settlement.creatorUserId !== null) {
    const creator = accounts.creatorCommission(settlement.creatorUserId);
    // A creator who withdrew meanwhile gives back what is left; the platform bears the rest.
    const fromCreator = Math.min(creatorFen, await balanceOf(tx, creator));
    postings.push(
      { account: creator, amountFen: -fromCreator },
      { account: accounts.guaranteeFund, amountFen: -(creatorFen - fromCreator) },
    );
  }
  postings.push({ account: accounts.escrow, amountFen: platformFen + creatorFen });
  const moving = postings.filter((p) => p.amountFen !== 0);
  if (moving.length >= 2) {
    await postEntry(tx, {
      idempotencyKey: `aftersales_request:${requestId}:commission_reversal`,
      kind: 'commission_reversal',
      cause: { type: 'aftersales_request', id: requestId },
      memo: `commissions of order ${order.id} reversed pro rata to a refund of ${amountFen} fen`,
      at: now,
      postings: moving,
    });
  }
  if (merchantFen > 0) {
    await chargeMerchant(
      tx,
      {
        shopId: order.shopId,
        orderId: order.id,
        amountFen: merchantFen,
        kind: 'refund_clawback',
        cause: { type: 'aftersales_request', id: requestId },
        to: accounts.escrow,
        reason: `refund of settled order ${order.id}: ${input.reason}`,
        coverShortfall: true,
        now,
      },
      settings,
    );
  }
  if (subsidyFen > 0) {
    // After the merchant's charge landed in escrow: the subsidy share leaves it back to the platform.
    await postEntry(tx, {
      idempotencyKey: `aftersales_request:${requestId}:subsidy_reversal`,
      kind: 'commission_reversal',
      cause: { type: 'aftersales_request', id: requestId },
      memo: `platform subsidy of order ${order.id} reversed pro rata to a refund of ${amountFen} fen`,
      at: now,
      postings: [
        { account: accounts.escrow, amountFen: -subsidyFen },
        { account: accounts.platformSubsidy, amountFen: subsidyFen },
      ],
    });
  }
}
