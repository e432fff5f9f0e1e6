import { describe, expect, it } from 'vitest';
import { toggleCoupon } from './CouponPicker.tsx';
import { appliedCoupons, type Quote } from './quote.ts';

const coupon = (buyerCouponId: number, funder: 'platform' | 'shop', shopId: number | null) => ({
  buyerCouponId,
  title: `券 ${buyerCouponId}`,
  funder,
  shopId,
  discountFen: 500,
  usable: true,
  reason: null,
});

// Two shops' orders; shop 1 has coupon 11 applied, the platform coupon 90 sits on shop 2's order.
const quote = {
  orders: [
    { shopId: 1, shopCoupon: { buyerCouponId: 11, title: '', discountFen: 500 }, platformCoupon: null },
    { shopId: 2, shopCoupon: null, platformCoupon: { buyerCouponId: 90, title: '', discountFen: 300 } },
  ],
  coupons: [
    coupon(11, 'shop', 1),
    coupon(12, 'shop', 1),
    coupon(21, 'shop', 2),
    coupon(90, 'platform', null),
    coupon(91, 'platform', null),
  ],
} as unknown as Quote;

describe('choosing coupons', () => {
  it('reads the coupons a quote applied', () => {
    expect(appliedCoupons(quote)).toEqual([11, 90]);
  });

  it.each([
    { what: 'another coupon of the same shop replaces it', tick: 12, expected: [90, 12] },
    { what: 'a coupon of another shop adds to it', tick: 21, expected: [11, 90, 21] },
    { what: 'another platform coupon replaces the platform one', tick: 91, expected: [11, 91] },
    { what: 'a ticked coupon is unticked', tick: 11, expected: [90] },
  ])('$what', ({ tick, expected }) => {
    const c = quote.coupons.find((x) => x.buyerCouponId === tick)!;
    expect(toggleCoupon(quote, appliedCoupons(quote), c)).toEqual(expected);
  });
});
