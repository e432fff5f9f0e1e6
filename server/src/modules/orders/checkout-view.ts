import type { Fen } from '../../platform/money.ts';
import type { PreparedCart } from './checkout-prepare.ts';
import type { PricedOrder } from './pricing.rule.ts';

export interface CheckoutLineView {
  skuId: number;
  productId: number;
  title: string;
  spec: string;
  unitPriceFen: Fen;
  /** The SKU's own price when a flash price applied, else null. */
  listPriceFen: Fen | null;
  flashSaleId: number | null;
  quantity: number;
  lineFen: Fen;
  shopDiscountFen: Fen;
  platformDiscountFen: Fen;
  paidFen: Fen;
}

export interface CouponUseView {
  buyerCouponId: number;
  title: string;
  discountFen: Fen;
}

export interface CheckoutOrderView {
  id: number;
  shopId: number;
  state: 'pending_payment' | 'paid';
  itemsFen: Fen;
  shippingFen: Fen;
  shopDiscountFen: Fen;
  platformDiscountFen: Fen;
  totalFen: Fen;
  shopCoupon: CouponUseView | null;
  platformCoupon: CouponUseView | null;
  presaleShipDays: number | null;
  liveSessionId: number | null;
  paymentDueAt: string;
  lines: CheckoutLineView[];
}

export interface CheckoutResult {
  groupId: number;
  itemsFen: Fen;
  shippingFen: Fen;
  discountFen: Fen;
  totalFen: Fen;
  paymentDueAt: string;
  orders: CheckoutOrderView[];
}

export function lineView(l: PricedOrder['lines'][number]): CheckoutLineView {
  return {
    skuId: l.skuId,
    productId: l.productId,
    title: l.title,
    spec: l.spec,
    unitPriceFen: l.unitPriceFen,
    listPriceFen: l.listUnitPriceFen,
    flashSaleId: l.flashSaleId,
    quantity: l.quantity,
    lineFen: l.lineFen,
    shopDiscountFen: l.shopDiscountFen,
    platformDiscountFen: l.platformDiscountFen,
    paidFen: l.paidFen,
  };
}

export function couponUses(o: PricedOrder): {
  shopCoupon: CouponUseView | null;
  platformCoupon: CouponUseView | null;
} {
  return {
    shopCoupon: o.shopCoupon
      ? {
          buyerCouponId: o.shopCoupon.buyerCouponId,
          title: o.shopCoupon.title,
          discountFen: o.shopDiscountFen,
        }
      : null,
    platformCoupon: o.platformCoupon
      ? {
          buyerCouponId: o.platformCoupon.buyerCouponId,
          title: o.platformCoupon.title,
          discountFen: o.platformDiscountFen,
        }
      : null,
  };
}

/** The answer of a placed checkout: the group and its orders with every amount. */
export function checkoutView(
  groupId: number,
  plan: PreparedCart,
  orderIds: number[],
  paymentDueAt: Date,
): CheckoutResult {
  const { cart } = plan;
  return {
    groupId,
    itemsFen: cart.itemsFen,
    shippingFen: cart.shippingFen,
    discountFen: cart.discountFen,
    totalFen: cart.totalFen,
    paymentDueAt: paymentDueAt.toISOString(),
    orders: cart.orders.map((o, n) => ({
      id: orderIds[n]!,
      shopId: o.shopId,
      state: 'pending_payment',
      itemsFen: o.itemsFen,
      shippingFen: o.shippingFen,
      shopDiscountFen: o.shopDiscountFen,
      platformDiscountFen: o.platformDiscountFen,
      totalFen: o.totalFen,
      ...couponUses(o),
      presaleShipDays: o.presaleShipDays,
      liveSessionId: o.liveSessionId,
      paymentDueAt: paymentDueAt.toISOString(),
      lines: o.lines.map(lineView),
    })),
  };
}
