import type { Db } from '../../platform/db.ts';
import { AppError } from '../../platform/errors.ts';
import type { Fen } from '../../platform/money.ts';
import { maskPhone } from '../addresses/index.ts';
import { type CouponOffer, couponDiscount } from '../promotions/index.ts';
import { shopNames } from '../shops/index.ts';
import { type CartRequest, type PartialCart, prepareCarts } from './checkout-prepare.ts';
import { couponUses, lineView } from './checkout-view.ts';
import type { PricedCart } from './pricing.rule.ts';

export interface CouponOption {
  buyerCouponId: number;
  title: string;
  funder: 'platform' | 'shop';
  shopId: number | null;
  /** What it would take off this cart (on the order where it saves most). */
  discountFen: Fen;
  usable: boolean;
  /** Why not usable: 'other_shop' (no order of its shop in the cart) or 'threshold_not_met'. */
  reason: 'other_shop' | 'threshold_not_met' | null;
}

/**
 * POST /checkout/quote (product rules §9): the price breakdown of a cart before paying, computed exactly
 * as checkout computes it (one read-only transaction, nothing written): items, shipping per shop order
 * (or why a shop does not deliver there), the coupons chosen (the best combination unless `couponIds`
 * says otherwise) with each line's share, the payable, and every usable coupon of the buyer with what
 * it would save here. No address yet: address null and no fees. Bad coupons and carts answer as checkout does.
 */
export async function quoteCheckout(db: Db, now: Date, request: CartRequest, maxLineQuantity: number) {
  const prepared = await db
    .transaction()
    .setAccessMode('read only')
    .execute(async (tx) => (await prepareCarts(tx, now, [request], maxLineQuantity)).prepared[0]!);
  let view: PartialCart;
  if (prepared.ok) view = prepared;
  else if (prepared.partial && ['address_required', 'not_delivered'].includes(prepared.error.code))
    view = prepared.partial;
  else {
    const { code, field, reason } = prepared.error;
    throw new AppError(code, `${field}: ${reason}`, { fields: [{ field, reason }] });
  }
  const { cart, shipping, address } = view;
  const names = await shopNames(
    db,
    cart.orders.map((o) => o.shopId),
  );
  return {
    address: address
      ? {
          addressId: address.addressId,
          recipient: address.recipient,
          phone: maskPhone(address.phone),
          regionCode: address.regionCode,
          regionName: address.regionName,
          detail: address.detail,
        }
      : null,
    orders: cart.orders.map((o, n) => {
      const q = shipping[n] ?? null;
      return {
        shopId: o.shopId,
        shopName: names.get(o.shopId) ?? '',
        lines: o.lines.map(lineView),
        itemsFen: o.itemsFen,
        shippingFen: o.shippingFen,
        shipping: q?.ok ? { free: q.free, remote: q.remote } : null,
        undeliverable: q && !q.ok ? q.regionName : null,
        ...couponUses(o),
        shopDiscountFen: o.shopDiscountFen,
        platformDiscountFen: o.platformDiscountFen,
        totalFen: o.totalFen,
        presaleShipDays: o.presaleShipDays,
      };
    }),
    coupons: view.offers.map((offer) => couponOption(offer, cart)),
    itemsFen: cart.itemsFen,
    shippingFen: cart.shippingFen,
    discountFen: cart.discountFen,
    payableFen: cart.totalFen,
  };
}

function couponOption(offer: CouponOffer, cart: PricedCart): CouponOption {
  const orders =
    offer.funder === 'platform' ? cart.orders : cart.orders.filter((o) => o.shopId === offer.shopId);
  const discountFen = Math.max(
    0,
    ...orders.map((o) =>
      couponDiscount(offer, offer.funder === 'platform' ? o.itemsFen - o.shopDiscountFen : o.itemsFen),
    ),
  );
  const reason = orders.length === 0 ? 'other_shop' : discountFen === 0 ? 'threshold_not_met' : null;
  return {
    buyerCouponId: offer.buyerCouponId,
    title: offer.title,
    funder: offer.funder,
    shopId: offer.shopId,
    discountFen,
    usable: reason === null,
    reason,
  };
}
