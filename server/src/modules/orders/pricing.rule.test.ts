import { describe, expect, it } from 'vitest';
import type { CouponOffer } from '../promotions/index.ts';
import type { PlannedLine, PlannedOrder } from './checkout-plan.rule.ts';
import { chooseCoupons } from './coupon-choice.rule.ts';
import { type OrderCharges, priceCart } from './pricing.rule.ts';

const line = (skuId: number, lineFen: number): PlannedLine => ({
  skuId,
  productId: skuId * 10,
  title: `商品${skuId}`,
  spec: '默认',
  unitPriceFen: lineFen,
  quantity: 1,
  lineFen,
  platformCommissionBp: 500,
  creatorCommissionBp: 0,
  guarantees: [],
  flashSaleId: null,
  listUnitPriceFen: null,
  freightTemplateId: null,
  weightGrams: 0,
});

const order = (shopId: number, lineFens: number[]): PlannedOrder => {
  const lines = lineFens.map((fen, i) => line(shopId * 100 + i, fen));
  const itemsFen = lineFens.reduce((a, b) => a + b, 0);
  return {
    shopId,
    itemsFen,
    totalFen: itemsFen,
    liveSessionId: null,
    hostUserId: null,
    presaleShipDays: null,
    lines,
  };
};

let nextCoupon = 1;
const coupon = (over: Partial<CouponOffer>): CouponOffer => ({
  buyerCouponId: nextCoupon++,
  campaignId: 1,
  funder: 'shop',
  shopId: 1,
  liveSessionId: null,
  kind: 'threshold',
  thresholdFen: 0,
  discountFen: 0,
  percentBp: 0,
  capFen: null,
  title: 'coupon',
  expiresAt: new Date('2030-01-01T00:00:00Z'),
  ...over,
});

// 满100减20 of shop 1; platform 满50减10
const shop20 = coupon({ shopId: 1, thresholdFen: 10_000, discountFen: 2_000 });
const platform10 = coupon({ funder: 'platform', shopId: null, thresholdFen: 5_000, discountFen: 1_000 });
const none: OrderCharges = { shippingFen: 0, shopCoupon: null, platformCoupon: null };

const cases: {
  name: string;
  orders: PlannedOrder[];
  charges: OrderCharges[];
  expected: { totals: number[]; paid: number[][]; shop: number[][]; platform: number[][] };
}[] = [
  {
    name: 'no coupons, no shipping: paid = line',
    orders: [order(1, [3_000, 7_000])],
    charges: [none],
    expected: { totals: [10_000], paid: [[3_000, 7_000]], shop: [[0, 0]], platform: [[0, 0]] },
  },
  {
    name: 'shipping is added, never discounted',
    orders: [order(1, [10_000])],
    charges: [{ shippingFen: 800, shopCoupon: shop20, platformCoupon: null }],
    expected: { totals: [8_800], paid: [[8_000]], shop: [[2_000]], platform: [[0]] },
  },
  {
    name: 'shop discount pro rata to the lines, platform over what it left',
    orders: [order(1, [3_000, 7_000])],
    charges: [{ shippingFen: 0, shopCoupon: shop20, platformCoupon: platform10 }],
    expected: {
      totals: [7_000],
      paid: [[2_100, 4_900]],
      shop: [[600, 1_400]],
      platform: [[300, 700]],
    },
  },
  {
    name: 'largest remainder: shares sum exactly',
    orders: [order(1, [3_334, 3_333, 3_333])],
    charges: [{ shippingFen: 500, shopCoupon: shop20, platformCoupon: null }],
    expected: {
      totals: [8_500],
      paid: [[2_667, 2_666, 2_667]],
      shop: [[667, 667, 666]],
      platform: [[0, 0, 0]],
    },
  },
  {
    name: 'a threshold not met: no discount, the coupon is not kept on the order',
    orders: [order(1, [9_999])],
    charges: [{ shippingFen: 0, shopCoupon: shop20, platformCoupon: null }],
    expected: { totals: [9_999], paid: [[9_999]], shop: [[0]], platform: [[0]] },
  },
  {
    name: 'two orders, each its own charges',
    orders: [order(1, [10_000]), order(2, [6_000])],
    charges: [
      { shippingFen: 1_000, shopCoupon: shop20, platformCoupon: null },
      { shippingFen: 0, shopCoupon: null, platformCoupon: platform10 },
    ],
    expected: {
      totals: [9_000, 5_000],
      paid: [[8_000], [5_000]],
      shop: [[2_000], [0]],
      platform: [[0], [1_000]],
    },
  },
];

describe('priceCart', () => {
  it.each(cases)('$name', ({ orders, charges, expected }) => {
    const cart = priceCart(orders, charges);
    expect(cart.orders.map((o) => o.totalFen)).toEqual(expected.totals);
    expect(cart.orders.map((o) => o.lines.map((l) => l.paidFen))).toEqual(expected.paid);
    expect(cart.orders.map((o) => o.lines.map((l) => l.shopDiscountFen))).toEqual(expected.shop);
    expect(cart.orders.map((o) => o.lines.map((l) => l.platformDiscountFen))).toEqual(expected.platform);
    // invariants: per order lines + shipping = total; cart sums its orders
    for (const o of cart.orders) {
      expect(o.lines.reduce((n, l) => n + l.paidFen, 0) + o.shippingFen).toBe(o.totalFen);
      expect(o.itemsFen + o.shippingFen - o.shopDiscountFen - o.platformDiscountFen).toBe(o.totalFen);
      for (const l of o.lines) expect(l.paidFen).toBeGreaterThanOrEqual(0);
    }
    expect(cart.totalFen).toBe(expected.totals.reduce((a, b) => a + b, 0));
    expect(cart.itemsFen + cart.shippingFen - cart.discountFen).toBe(cart.totalFen);
  });

  it('refuses a negative shipping fee', () => {
    expect(() => priceCart([order(1, [100])], [{ ...none, shippingFen: -1 }])).toThrow(RangeError);
  });
});

describe('chooseCoupons', () => {
  const shop2 = coupon({ shopId: 2, thresholdFen: 0, kind: 'no_threshold', discountFen: 300 });
  const shop1b = coupon({ shopId: 1, thresholdFen: 0, kind: 'no_threshold', discountFen: 100 });
  const platformHigh = coupon({ funder: 'platform', shopId: null, thresholdFen: 20_000, discountFen: 5_000 });
  const offers = [shop20, platform10, shop2, shop1b, platformHigh];
  const cart = [
    { shopId: 1, itemsFen: 12_000 },
    { shopId: 3, itemsFen: 6_000 },
  ];
  const ids = (c: ReturnType<typeof chooseCoupons>) =>
    c.ok
      ? c.orders.map((o) => [o.shopCoupon?.buyerCouponId ?? null, o.platformCoupon?.buyerCouponId ?? null])
      : c.error;

  it('[] chooses none', () => {
    expect(ids(chooseCoupons(cart, offers, []))).toEqual([
      [null, null],
      [null, null],
    ]);
  });

  it('explicit: a shop coupon on its shop, a platform coupon where it saves (ties: the first order)', () => {
    expect(ids(chooseCoupons(cart, offers, [shop20.buyerCouponId, platform10.buyerCouponId]))).toEqual([
      [shop20.buyerCouponId, platform10.buyerCouponId],
      [null, null],
    ]);
    const pct = coupon({ funder: 'platform', shopId: null, kind: 'percent', percentBp: 1_000 });
    // 10% saves 1,000 on the first order (after its shop coupon) and 600 on the second
    const two = [pct.buyerCouponId, platform10.buyerCouponId];
    expect(ids(chooseCoupons(cart, [...offers, pct], [shop20.buyerCouponId, ...two]))).toEqual([
      [shop20.buyerCouponId, pct.buyerCouponId],
      [null, platform10.buyerCouponId],
    ]);
  });

  it.each([
    [
      'a coupon listed twice',
      [shop20.buyerCouponId, shop20.buyerCouponId],
      'coupon_combination',
      'couponIds[1]',
    ],
    [
      'two shop coupons of one order',
      [shop20.buyerCouponId, shop1b.buyerCouponId],
      'coupon_combination',
      'couponIds[1]',
    ],
    ['a shop coupon of another shop', [shop2.buyerCouponId], 'coupon_combination', 'couponIds[0]'],
    ['a coupon not among the usable ones', [9_999], 'coupon_unavailable', 'couponIds[0]'],
    ['a threshold no order reaches', [platformHigh.buyerCouponId], 'coupon_unavailable', 'couponIds[0]'],
  ])('refuses %s', (_name, couponIds, code, field) => {
    expect(ids(chooseCoupons(cart, offers, couponIds))).toMatchObject({ code, field });
  });
});
