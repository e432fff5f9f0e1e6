import { sql } from 'kysely';
import type { Executor, Tx } from '../../platform/db.ts';
import { cancelDeadline } from '../../platform/scheduler/index.ts';
import { shopAddress } from '../addresses/index.ts';
import { readCurrentConfig } from '../configuration/index.ts';
import { SHIP_BY } from '../fulfilment/index.ts';
import { moveOrder, orderStateOf, releaseOrderStock } from '../orders/index.ts';
import { refundedFen } from '../payments/index.ts';
import { returnCoupons } from '../promotions/index.ts';
import { getShop } from '../shops/index.ts';
import { type ActionContext, SYSTEM } from './action-context.ts';
import type { RequestType } from './aftersales.tables.ts';
import { openArbitrationRow } from './arbitration-store.ts';
import type { Explanation } from './decision.ts';
import { payReturnFreight, refundForRequest, refundUnshippedOrder } from './money/index.ts';
import { type MoveReason, moveRequest, type RequestRow, restartDeadline } from './request-store.ts';
import { words } from './request-words.ts';
import { openReturnParcel } from './return-parcel-store.ts';

/*
 * The outcomes a request reaches, shared by the parties' actions, the automation of opening and the
 * deadlines' default actions. Each takes the action context; the transaction is the caller's.
 */

const REFUND_TYPES: readonly RequestType[] = ['refund_only_unshipped', 'refund_only', 'guarantee_claim'];
const RETURN_TYPES: readonly RequestType[] = ['return_refund', 'exchange'];

/**
 * Approval by whoever decides (the merchant, or the system when the merchant was silent): a refund is
 * paid at once, a return gets its address, a resend waits for the replacement parcel.
 */
export async function approve(ac: ActionContext, request: RequestRow, why: MoveReason) {
  if (request.type === 'refund_only_unshipped') await lockShipBy(ac.tx, request.orderId);
  if (REFUND_TYPES.includes(request.type))
    return refundAndEnd(ac, request, { amountFen: request.requestedFen, funding: 'order' }, why);
  if (RETURN_TYPES.includes(request.type)) return approveReturn(ac, request, why);
  return moveRequest(ac, request, 'awaiting_reship', why);
}

/** Approves a return: the buyer gets the return address and the return clock starts. */
export async function approveReturn(
  ac: ActionContext,
  request: RequestRow,
  why: MoveReason,
  autoRule: string | null = null,
) {
  const shop = await getShop(ac.tx, request.shopId);
  await openReturnParcel(ac.tx, request.id, await returnAddress(ac.tx, shop), ac.now);
  return moveRequest(ac, request, 'awaiting_return', why, autoRule ? { autoRule } : {});
}

/**
 * Where the buyer sends the parcel, as the buyer reads it: the shop's return address, else its
 * warehouse; a shop with neither gets a line telling the buyer to ask the shop.
 */
async function returnAddress(tx: Tx, shop: { id: number; name: string }): Promise<string> {
  return returnAddressOfShop(tx, shop.id, async () => shop.name);
}

/** `returnAddress` reading the shop's name only when it has neither address (one statement fewer). */
export async function returnAddressOfShop(
  tx: Tx,
  shopId: number,
  shopName: () => Promise<string> = async () => (await getShop(tx, shopId)).name,
): Promise<string> {
  const address = (await shopAddress(tx, shopId, 'return')) ?? (await shopAddress(tx, shopId, 'warehouse'));
  if (!address)
    return `${await shopName()}：商家未设置退货地址，请联系商家 / No return address set: ask the shop`;
  return `${address.recipient} ${address.phone} ${address.regionName} ${address.detail}`;
}

/**
 * Refunds a request and ends it: the money through `refundForRequest` (escrow, clawback or deposit,
 * once per request), the request refunded. An unshipped order refunded in full is cancelled, its
 * stock released and its ship-by promise dropped (极速退款 stops the shipment); a return of an insured
 * line pays the buyer's return freight.
 */
export async function refundAndEnd(
  ac: ActionContext,
  request: RequestRow,
  money: { amountFen: number; funding: 'order' | 'deposit' },
  why: MoveReason,
  autoRule: string | null = null,
) {
  const { tx, now, settings } = ac;
  await refundForRequest(
    tx,
    {
      requestId: request.id,
      orderId: request.orderId,
      orderLineId: request.orderLineId,
      amountFen: money.amountFen,
      reason: `after-sales request ${request.id} (${request.type})`,
      funding: money.funding,
      now,
    },
    settings,
  );
  const moved = await moveRequest(ac, request, 'refunded', why, {
    approvedFen: money.amountFen,
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

/**
 * 极速退款 (an unshipped order's refund, decided when the request opened): `refundAndEnd` with the money
 * out of escrow without the shop's lock (`refundUnshippedOrder`: nothing of an unshipped order is
 * settled); `order` is locked and was read `paid` under that lock.
 */
export async function refundUnshippedAndEnd(
  ac: ActionContext,
  request: RequestRow,
  order: { id: number; state: string },
  why: MoveReason,
  autoRule: string,
) {
  await refundUnshippedOrder(ac.tx, {
    requestId: request.id,
    order,
    orderLineId: request.orderLineId!,
    amountFen: request.requestedFen,
    reason: `after-sales request ${request.id} (${request.type})`,
    now: ac.now,
  });
  const moved = await moveRequest(ac, request, 'refunded', why, {
    approvedFen: request.requestedFen,
    autoRule,
  });
  await cancelIfFullyRefunded(ac.tx, request, ac.now);
  return moved;
}

async function cancelIfFullyRefunded(tx: Tx, request: RequestRow, now: Date) {
  const order = await orderStateOf(tx, request.orderId);
  if (order.state !== 'paid') return;
  if ((await refundedFen(tx, { orderId: request.orderId, exceptDuplicatePayments: true })) < order.totalFen)
    return;
  await cancelRefundedOrder(tx, request, order.buyerId, now);
}

/**
 * Cancels an unshipped order refunded in full by `request`: the shipment stopped (its ship-by deadline
 * dropped), the order cancelled, its stock released and, when the platform says so (§9), its coupons
 * returned. The caller has checked the order is `paid` and wholly refunded; `config` is the one in force
 * when the caller already read it.
 */
export async function cancelRefundedOrder(
  tx: Tx,
  request: Pick<RequestRow, 'id' | 'orderId'>,
  buyerId: number,
  now: Date,
  config?: { promotions: { returnCouponOnInstantRefund: boolean } },
) {
  await cancelDeadline(tx, SHIP_BY, request.orderId);
  await moveOrder(tx, {
    orderId: request.orderId,
    to: 'cancelled',
    actor: { kind: 'system', id: null },
    at: now,
    note: `refunded in full by after-sales request ${request.id}; shipment stopped`,
    set: { cancelledAt: now, cancelReason: 'refunded before shipment' },
  });
  await releaseOrderStock(tx, request.orderId, buyerId);
  // §9: an instant refund of the whole order gives its coupons back when the platform says so.
  if ((config ?? (await readCurrentConfig(tx)).config).promotions.returnCouponOnInstantRefund)
    await returnCoupons(tx, [request.orderId], now);
}

/** Stopping a shipment races the merchant shipping: the ship-by deadline row is taken first, as shipping does. */
export async function lockShipBy(tx: Tx, orderId: number) {
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
  ac: ActionContext,
  request: RequestRow,
  openedBy: 'buyer' | 'merchant' | 'system',
  why: MoveReason,
) {
  await openArbitrationRow(ac, request.id, openedBy);
  return moveRequest(ac, request, 'in_arbitration', why);
}

/** Stays pending_merchant, now with its deadline; a rule that declined says why. */
export async function waitForMerchant(
  ac: ActionContext,
  request: RequestRow,
  declined: { rule: string; inputs: Record<string, unknown>; explanation: Explanation } | null,
) {
  await restartDeadline({ ...ac, actor: SYSTEM }, request, declined ?? words('waiting_for_merchant'));
}

/** Money refunded (or being refunded) on a line, and the units the refunded requests covered. */
export async function refundedOnLine(db: Executor, lineId: number): Promise<{ fen: number; units: number }> {
  const fen = await refundedFen(db, { orderLineId: lineId });
  const units = await sql<{ units: number }>`
    select coalesce(sum(quantity), 0)::int as units from aftersales_requests
    where order_line_id = ${lineId} and state = 'refunded'`.execute(db);
  return { fen, units: units.rows[0]!.units };
}

export interface EvidenceInput {
  text?: string;
  fileIds?: number[];
}

export async function insertEvidence(
  tx: Tx,
  requestId: number,
  by: { party: 'buyer' | 'merchant' | 'ops'; userId: number },
  evidence: EvidenceInput,
  now: Date,
) {
  await tx
    .insertInto('aftersalesEvidence')
    .values({
      requestId,
      party: by.party,
      submittedBy: by.userId,
      text: evidence.text ?? null,
      fileIds: evidence.fileIds ?? [],
      at: now,
    })
    .execute();
}
