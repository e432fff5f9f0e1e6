import type { Tx } from '../../platform/db.ts';
import type { errorStatus } from '../../platform/errors.ts';
import { type AddressSnapshot, checkoutAddresses } from '../addresses/index.ts';
import { skuSaleFacts } from '../catalog/index.ts';
import { activeFlashSales } from '../flash-sales/index.ts';
import { quoteShipping, type ShippingQuote } from '../freight/index.ts';
import { livePinsForSessions } from '../live/index.ts';
import { type CouponOffer, usableCoupons } from '../promotions/index.ts';
import { type CartLine, type FlashPrice, planCheckout, type SkuFacts } from './checkout-plan.rule.ts';
import { chooseCoupons } from './coupon-choice.rule.ts';
import { type PricedCart, priceCart } from './pricing.rule.ts';

/** What checkout and its quote are asked: the cart, where it goes and which coupons to use. */
export interface CartRequest {
  buyerId: number;
  items: CartLine[];
  liveSessionId?: number | undefined;
  /** The delivery address; default: the buyer's default address. */
  addressId?: number | undefined;
  /** The buyer coupons to use; omitted: the best combination; []: none. */
  couponIds?: number[] | undefined;
}

export interface CartError {
  code: keyof typeof errorStatus;
  field: string;
  reason: string;
}

export interface PreparedCart {
  ok: true;
  address: AddressSnapshot & { addressId: number };
  cart: PricedCart;
  /** Per order of the cart, its shipping quote (the free / remote flags the buyer sees). */
  shipping: Extract<ShippingQuote, { ok: true }>[];
  /** The buyer's coupons usable now (before this cart's choice). */
  offers: CouponOffer[];
}

export type Prepared = PreparedCart | { ok: false; error: CartError; partial?: PartialCart };

/**
 * What a cart refused for its address or coupons still shows in a quote: its orders priced (no fee where
 * there is no address or no delivery; no coupons when the ones asked for are refused), undelivered ones marked.
 */
export interface PartialCart {
  address: (AddressSnapshot & { addressId: number }) | null;
  cart: PricedCart;
  /** Per order; null while there is no address. */
  shipping: (ShippingQuote | null)[];
  offers: CouponOffer[];
}

export interface PreparedBatch {
  prepared: Prepared[];
  facts: Map<number, SkuFacts>;
}

/**
 * Prices a batch of carts in a handful of set-based reads, whatever the batch size (product rules §9):
 * the SKUs, the live rooms, the flash prices running now, each buyer's address (the one asked for,
 * else the default) and usable coupons, then every order's shipping fee in one quote. No writes:
 * checkout takes stock and redeems coupons afterwards, the quote answers with it as is. Coupons a
 * request of the batch chose are not offered to a later request of the same buyer.
 */
export async function prepareCarts(
  db: Tx,
  now: Date,
  requests: readonly CartRequest[],
  maxLineQuantity: number,
): Promise<PreparedBatch> {
  const skuIds = [...new Set(requests.flatMap((r) => r.items.map((l) => l.skuId)))];
  const sessionIds = [
    ...new Set(requests.map((r) => r.liveSessionId).filter((s): s is number => s !== undefined)),
  ];
  const buyerIds = [...new Set(requests.map((r) => r.buyerId))];
  const [facts, rooms, flash, addresses, coupons] = await Promise.all([
    skuSaleFacts(db, skuIds) as Promise<Map<number, SkuFacts>>,
    livePinsForSessions(db, sessionIds),
    activeFlashSales(db, skuIds, now),
    checkoutAddresses(
      db,
      requests.map((r) => ({ buyerId: r.buyerId, addressId: r.addressId })),
    ),
    usableCoupons(db, buyerIds, now),
  ]);
  const flashPrices = new Map<number, FlashPrice>(
    [...flash].map(([skuId, s]) => [skuId, { flashSaleId: s.flashSaleId, priceFen: s.priceFen }]),
  );

  // Plan every request; the shipping of all their orders is quoted in one call.
  const plans = requests.map((r) => {
    const room = r.liveSessionId === undefined ? null : (rooms.get(r.liveSessionId) ?? null);
    return planCheckout(r.items, facts, room, maxLineQuantity, flashPrices);
  });
  const wants = plans.flatMap((plan, i) => {
    const address = addresses[i];
    if (!plan.ok || !address) return [];
    return plan.orders.map((o) => ({
      shopId: o.shopId,
      regionCode: address.regionCode,
      items: o.lines.map((l) => ({
        templateId: l.freightTemplateId,
        quantity: l.quantity,
        weightGrams: l.weightGrams,
        lineFen: l.lineFen,
      })),
    }));
  });
  const quotes = wants.length > 0 ? await quoteShipping(db, wants) : [];

  const taken = new Map<number, Set<number>>();
  let nextQuote = 0;
  const prepared = requests.map((r, i): Prepared => {
    const plan = plans[i]!;
    if (!plan.ok) return { ok: false, error: plan.error };
    const address = addresses[i] ?? null;
    if (!address && r.addressId !== undefined) {
      return fail('validation_failed', 'addressId', `address ${r.addressId} is not one of yours`);
    }
    const shipping: (ShippingQuote | null)[] = plan.orders.map(() => (address ? quotes[nextQuote++]! : null));
    const mine = taken.get(r.buyerId) ?? new Set<number>();
    const offers = (coupons.get(r.buyerId) ?? []).filter((o) => !mine.has(o.buyerCouponId));
    const choice = chooseCoupons(plan.orders, offers, r.couponIds);
    // Undeliverable orders and orders with no address yet are priced without a fee (a quote still shows them).
    const fees = shipping.map((q) => (q?.ok ? q.fen : 0));
    const cart = priceCart(
      plan.orders,
      plan.orders.map((_, n) => ({
        shippingFen: fees[n]!,
        ...(choice.ok ? choice.orders[n]! : { shopCoupon: null, platformCoupon: null }),
      })),
    );
    const partial: PartialCart = { address, cart, shipping, offers };
    if (!address) return { ok: false, error: addressRequired, partial };
    const refused = shipping.findIndex((q) => q !== null && !q.ok);
    if (refused >= 0) {
      const q = shipping[refused] as Extract<ShippingQuote, { ok: false }>;
      const shopId = plan.orders[refused]!.shopId;
      const reason = `shop ${shopId} does not deliver to ${q.regionName}`;
      return { ok: false, error: { code: 'not_delivered', field: 'addressId', reason }, partial };
    }
    if (!choice.ok) return { ok: false, error: choice.error, partial };
    for (const o of cart.orders) {
      for (const c of [o.shopCoupon, o.platformCoupon]) if (c) mine.add(c.buyerCouponId);
    }
    taken.set(r.buyerId, mine);
    return {
      ok: true,
      address,
      cart,
      shipping: shipping as Extract<ShippingQuote, { ok: true }>[],
      offers,
    };
  });
  return { prepared, facts };
}

const addressRequired: CartError = {
  code: 'address_required',
  field: 'addressId',
  reason: 'add a delivery address first',
};

function fail(code: CartError['code'], field: string, reason: string): Prepared {
  return { ok: false, error: { code, field, reason } };
}
