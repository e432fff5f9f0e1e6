import { bestCoupons, type CouponOffer, couponDiscount } from '../promotions/index.ts';

export interface CartOrder {
  shopId: number;
  itemsFen: number;
}

export interface OrderCoupons {
  shopCoupon: CouponOffer | null;
  platformCoupon: CouponOffer | null;
}

export type CouponChoice =
  | { ok: true; orders: OrderCoupons[] }
  | {
      ok: false;
      error: { code: 'coupon_unavailable' | 'coupon_combination'; field: string; reason: string };
    };

/**
 * The coupons of each order of a cart (product rules §9): none asked (`undefined`) → the best
 * combination; `[]` → none; else exactly the coupons listed, each one the buyer's and usable now
 * (`offers` are the buyer's usable coupons), at most one shop coupon per order and only on its own
 * shop's order, each platform coupon on the order where it saves most, at most one per order. A coupon
 * that would save nothing on the cart (threshold not met) is refused rather than silently spent.
 */
export function chooseCoupons(
  orders: readonly CartOrder[],
  offers: readonly CouponOffer[],
  couponIds: readonly number[] | undefined,
): CouponChoice {
  if (couponIds === undefined) return { ok: true, orders: bestCoupons([...orders], [...offers]) };
  const chosen: OrderCoupons[] = orders.map(() => ({ shopCoupon: null, platformCoupon: null }));
  const byId = new Map(offers.map((o) => [o.buyerCouponId, o]));
  const seen = new Set<number>();
  const platform: { offer: CouponOffer; field: string }[] = [];
  for (const [i, id] of couponIds.entries()) {
    const field = `couponIds[${i}]`;
    if (seen.has(id)) return fail('coupon_combination', field, `coupon ${id} is listed twice`);
    seen.add(id);
    const offer = byId.get(id);
    if (!offer)
      return fail(
        'coupon_unavailable',
        field,
        `coupon ${id} is not yours to use now (used, expired or unknown)`,
      );
    if (offer.funder === 'platform') {
      platform.push({ offer, field });
      continue;
    }
    const n = orders.findIndex((o) => o.shopId === offer.shopId);
    if (n < 0) return fail('coupon_combination', field, `coupon ${id} is for a shop not in this order`);
    if (chosen[n]!.shopCoupon) return fail('coupon_combination', field, 'at most one shop coupon per order');
    if (couponDiscount(offer, orders[n]!.itemsFen) <= 0)
      return fail('coupon_unavailable', field, `coupon ${id}: the order does not reach its threshold`);
    chosen[n]!.shopCoupon = offer;
  }
  for (const { offer, field } of platform) {
    // The order where it saves most, of those without a platform coupon yet (ties: the first).
    let best = -1;
    let bestFen = 0;
    orders.forEach((o, n) => {
      if (chosen[n]!.platformCoupon) return;
      const shopFen = chosen[n]!.shopCoupon ? couponDiscount(chosen[n]!.shopCoupon!, o.itemsFen) : 0;
      const fen = couponDiscount(offer, o.itemsFen - shopFen);
      if (fen > bestFen) {
        best = n;
        bestFen = fen;
      }
    });
    if (best < 0) {
      return chosen.every((c) => c.platformCoupon)
        ? fail('coupon_combination', field, 'at most one platform coupon per order')
        : fail('coupon_unavailable', field, `coupon ${offer.buyerCouponId}: no order reaches its threshold`);
    }
    chosen[best]!.platformCoupon = offer;
  }
  return { ok: true, orders: chosen };
}

function fail(
  code: 'coupon_unavailable' | 'coupon_combination',
  field: string,
  reason: string,
): CouponChoice {
  return { ok: false, error: { code, field, reason } };
}
