import { sql } from 'kysely';
import type { Executor, Tx } from '../../platform/db.ts';
import { assertTransition } from '../../platform/state-machine.ts';
import type { CouponOffer } from './coupon-offer.ts';
import { buyerCouponTransitions } from './promotions.machine.ts';

/** Each buyer's coupons usable now (available and within validity), soonest expiry first. */
export async function usableCoupons(
  db: Executor,
  buyerIds: number[],
  now: Date,
): Promise<Map<number, CouponOffer[]>> {
  const result = new Map<number, CouponOffer[]>(buyerIds.map((id) => [id, []]));
  if (buyerIds.length === 0) return result;
  const rows = await db
    .selectFrom('buyerCoupons as b')
    .innerJoin('couponCampaigns as c', 'c.id', 'b.campaignId')
    .select([
      'b.id as buyerCouponId',
      'b.buyerId',
      'b.expiresAt',
      'c.id as campaignId',
      'c.funder',
      'c.shopId',
      'c.liveSessionId',
      'c.kind',
      'c.thresholdFen',
      'c.discountFen',
      'c.percentBp',
      'c.capFen',
      'c.title',
    ])
    .where('b.buyerId', 'in', [...new Set(buyerIds)])
    .where('b.state', '=', 'available')
    .where('b.expiresAt', '>', now)
    .orderBy('b.expiresAt')
    .orderBy('b.id')
    .execute();
  for (const { buyerId, ...offer } of rows) result.get(buyerId)?.push(offer);
  return result;
}

/**
 * Marks buyer coupons used by orders, in the caller's transaction: one conditional update for the whole
 * checkout batch (each coupon available, the buyer's, still valid), so a coupon is used by exactly one
 * order even when two checkouts race for it. Returns the ids actually redeemed; the caller refuses the
 * rest (coupon_unavailable) and rolls back.
 */
export async function redeemCoupons(
  tx: Tx,
  uses: { buyerCouponId: number; buyerId: number; orderId: number }[],
  now: Date,
): Promise<Set<number>> {
  assertTransition(buyerCouponTransitions, 'buyer coupon', 'available', 'used');
  if (uses.length === 0) return new Set();
  const result = await sql<{ id: number }>`
    update buyer_coupons b set state = 'used', order_id = u.order_id, used_at = ${now}
    from unnest(${uses.map((u) => u.buyerCouponId)}::bigint[], ${uses.map((u) => u.buyerId)}::bigint[],
                ${uses.map((u) => u.orderId)}::bigint[]) as u(id, buyer_id, order_id)
    where b.id = u.id and b.buyer_id = u.buyer_id and b.state = 'available' and b.expires_at > ${now}
    returning b.id`.execute(tx);
  return new Set(result.rows.map((r) => Number(r.id)));
}

/**
 * Gives back the coupons of these orders (an unpaid order cancelled, or an instant refund when
 * `promotions.returnCouponOnInstantRefund` is on — the caller decides): available again while within
 * validity, else expired. Coupons already given back are left alone, so a repeat is harmless.
 */
export async function returnCoupons(tx: Tx, orderIds: number[], now: Date): Promise<void> {
  if (orderIds.length === 0) return;
  assertTransition(buyerCouponTransitions, 'buyer coupon', 'used', 'available');
  assertTransition(buyerCouponTransitions, 'buyer coupon', 'used', 'expired');
  const back = { orderId: null, usedAt: null };
  await tx
    .updateTable('buyerCoupons')
    .set({ ...back, state: 'available' })
    .where('orderId', 'in', orderIds)
    .where('state', '=', 'used')
    .where('expiresAt', '>', now)
    .execute();
  await tx
    .updateTable('buyerCoupons')
    .set({ ...back, state: 'expired' })
    .where('orderId', 'in', orderIds)
    .where('state', '=', 'used')
    .execute();
}
