import type { Fen } from '../../platform/money.ts';
import { allocateDiscount, type CouponOffer, couponDiscount } from '../promotions/index.ts';
import type { PlannedLine, PlannedOrder } from './checkout-plan.rule.ts';

/** What an order of the cart is charged besides its items: its shipping fee and the coupons chosen for it. */
export interface OrderCharges {
  shippingFen: Fen;
  shopCoupon: CouponOffer | null;
  platformCoupon: CouponOffer | null;
}

export interface PricedLine extends PlannedLine {
  shopDiscountFen: Fen;
  platformDiscountFen: Fen;
  /** What the buyer pays for the line: a partial refund of it returns (a share of) this. */
  paidFen: Fen;
}

export interface PricedOrder extends Omit<PlannedOrder, 'lines'> {
  shippingFen: Fen;
  shopDiscountFen: Fen;
  platformDiscountFen: Fen;
  /** items + shipping − discounts: what the buyer pays, what escrow receives. */
  totalFen: Fen;
  shopCoupon: CouponOffer | null;
  platformCoupon: CouponOffer | null;
  lines: PricedLine[];
}

export interface PricedCart {
  orders: PricedOrder[];
  itemsFen: Fen;
  shippingFen: Fen;
  discountFen: Fen;
  totalFen: Fen;
}

/**
 * Product rules §9 "Order amounts": prices each order of a planned cart (lines already at the flash price
 * where a sale runs). The shop coupon discounts the order's items; the platform coupon what is left of
 * them after the shop discount. Each discount is spread over the lines pro rata (promotions'
 * allocateDiscount: largest remainder, sums exact), the platform one over the lines as the shop discount
 * left them, so no line goes below zero and a line's paid amount is what a refund of it returns.
 * Shipping is never discounted. Throws a RangeError when an invariant breaks (a bug, not an input).
 */
export function priceCart(orders: readonly PlannedOrder[], charges: readonly OrderCharges[]): PricedCart {
  if (orders.length !== charges.length) throw new RangeError('one charge per order');
  const priced = orders.map((order, i) => priceOrder(order, charges[i]!));
  const sum = (f: (o: PricedOrder) => Fen) => priced.reduce((n, o) => n + f(o), 0);
  const cart = {
    orders: priced,
    itemsFen: sum((o) => o.itemsFen),
    shippingFen: sum((o) => o.shippingFen),
    discountFen: sum((o) => o.shopDiscountFen + o.platformDiscountFen),
    totalFen: sum((o) => o.totalFen),
  };
  if (!Number.isSafeInteger(cart.totalFen)) throw new RangeError('cart total too large');
  return cart;
}

function priceOrder(order: PlannedOrder, charges: OrderCharges): PricedOrder {
  const { shippingFen } = charges;
  if (!Number.isSafeInteger(shippingFen) || shippingFen < 0) {
    throw new RangeError(`shipping fee invalid: ${shippingFen}`);
  }
  const lineFens = order.lines.map((l) => l.lineFen);
  const itemsFen = lineFens.reduce((a, b) => a + b, 0);
  const shopDiscountFen = discountOf(charges.shopCoupon, itemsFen);
  const shopShares = allocateDiscount(shopDiscountFen, lineFens);
  const afterShop = lineFens.map((fen, i) => fen - shopShares[i]!);
  const platformDiscountFen = discountOf(charges.platformCoupon, itemsFen - shopDiscountFen);
  const platformShares = allocateDiscount(platformDiscountFen, afterShop);
  const lines = order.lines.map((line, i) => ({
    ...line,
    shopDiscountFen: shopShares[i]!,
    platformDiscountFen: platformShares[i]!,
    paidFen: afterShop[i]! - platformShares[i]!,
  }));
  const totalFen = itemsFen + shippingFen - shopDiscountFen - platformDiscountFen;
  const priced: PricedOrder = {
    ...order,
    itemsFen,
    shippingFen,
    shopDiscountFen,
    platformDiscountFen,
    totalFen,
    shopCoupon: shopDiscountFen > 0 ? charges.shopCoupon : null,
    platformCoupon: platformDiscountFen > 0 ? charges.platformCoupon : null,
    lines,
  };
  checkInvariants(priced);
  return priced;
}

/** A coupon's discount on an amount: never more than the amount, nothing without a coupon. */
function discountOf(coupon: CouponOffer | null, eligibleFen: Fen): Fen {
  if (!coupon) return 0;
  return Math.max(0, Math.min(couponDiscount(coupon, eligibleFen), eligibleFen));
}

function checkInvariants(o: PricedOrder) {
  const sum = (f: (l: PricedLine) => Fen) => o.lines.reduce((n, l) => n + f(l), 0);
  const problems = [
    sum((l) => l.shopDiscountFen) !== o.shopDiscountFen && 'shop discount not allocated exactly',
    sum((l) => l.platformDiscountFen) !== o.platformDiscountFen && 'platform discount not allocated exactly',
    sum((l) => l.paidFen) + o.shippingFen !== o.totalFen && 'lines and shipping do not add up to the total',
    o.lines.some((l) => l.paidFen < 0 || l.shopDiscountFen < 0 || l.platformDiscountFen < 0) &&
      'a line below zero',
    o.totalFen < 0 && 'a negative payable',
  ].filter(Boolean);
  if (problems.length > 0) throw new RangeError(`order of shop ${o.shopId}: ${problems.join('; ')}`);
}
