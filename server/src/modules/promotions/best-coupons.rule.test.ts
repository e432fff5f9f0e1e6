import { describe, expect, it } from 'vitest';
import { bestCoupons, type CouponChoice, type CouponOrder, choiceDiscounts } from './best-coupons.rule.ts';
import type { CouponOffer } from './coupon-offer.ts';
import { offer, shopOffer } from './test-offers.ts';

const total = (orders: CouponOrder[], choices: CouponChoice[]) =>
  choices.reduce((sum, c, i) => {
    const d = choiceDiscounts(orders[i]!.itemsFen, c);
    return sum + d.shopDiscountFen + d.platformDiscountFen;
  }, 0);

const ids = (choices: CouponChoice[]) =>
  choices.map((c) => [c.shopCoupon?.title ?? null, c.platformCoupon?.title ?? null]);

/** Every assignment, by brute force: the reference the rule must match. */
function bruteForce(orders: CouponOrder[], offers: CouponOffer[]): number {
  let best = 0;
  const walk = (i: number, used: Set<number>, sum: number) => {
    if (i === orders.length) {
      best = Math.max(best, sum);
      return;
    }
    const order = orders[i]!;
    const shops = [null, ...offers.filter((o) => o.funder === 'shop' && o.shopId === order.shopId)];
    const platforms = [null, ...offers.filter((o) => o.funder === 'platform')];
    for (const s of shops) {
      if (s && used.has(s.buyerCouponId)) continue;
      for (const p of platforms) {
        if (p && used.has(p.buyerCouponId)) continue;
        const d = choiceDiscounts(order.itemsFen, { shopCoupon: s, platformCoupon: p });
        const next = new Set(used);
        if (s) next.add(s.buyerCouponId);
        if (p) next.add(p.buyerCouponId);
        walk(i + 1, next, sum + d.shopDiscountFen + d.platformDiscountFen);
      }
    }
  };
  walk(0, new Set(), 0);
  return best;
}

describe('bestCoupons', () => {
  const p100 = offer({ title: 'P满100减10', thresholdFen: 10_000, discountFen: 1_000 });
  const p190 = offer({ title: 'P满190减50', thresholdFen: 19_000, discountFen: 5_000 });
  const s150 = shopOffer(1, { title: 'S满150减30', thresholdFen: 15_000, discountFen: 3_000 });
  const s100 = shopOffer(1, { title: 'S满100减5', thresholdFen: 10_000, discountFen: 500 });
  const sOther = shopOffer(2, {
    title: 'S2无门槛5',
    kind: 'no_threshold',
    thresholdFen: 0,
    discountFen: 500,
  });

  it.each([
    ['no coupons', [{ shopId: 1, itemsFen: 20_000 }], [], [[null, null]]],
    ['below every threshold', [{ shopId: 1, itemsFen: 5_000 }], [p100, s100], [[null, null]]],
    [
      'one of each on one order',
      [{ shopId: 1, itemsFen: 12_000 }],
      [p100, s100],
      [['S满100减5', 'P满100减10']],
    ],
    [
      'a smaller shop coupon when the larger one drops the platform threshold',
      [{ shopId: 1, itemsFen: 20_000 }],
      [p190, s150, s100],
      [['S满100减5', 'P满190减50']],
    ],
    [
      'a shop coupon only on its own shop',
      [
        { shopId: 1, itemsFen: 5_000 },
        { shopId: 2, itemsFen: 5_000 },
      ],
      [sOther],
      [
        [null, null],
        ['S2无门槛5', null],
      ],
    ],
    [
      'the one platform coupon goes where it takes most',
      [
        { shopId: 1, itemsFen: 12_000 },
        { shopId: 2, itemsFen: 20_000 },
      ],
      [p190],
      [
        [null, null],
        [null, 'P满190减50'],
      ],
    ],
    [
      'two platform coupons spread over two orders',
      [
        { shopId: 1, itemsFen: 12_000 },
        { shopId: 2, itemsFen: 20_000 },
      ],
      [p100, p190],
      [
        [null, 'P满100减10'],
        [null, 'P满190减50'],
      ],
    ],
  ] as const)('%s', (_name, orders, offers, expected) => {
    expect(ids(bestCoupons([...orders], [...offers]))).toEqual(expected);
  });

  it('uses the sooner-expiring of two equal coupons', () => {
    const later = offer({ title: 'later', expiresAt: new Date('2027-03-01T00:00:00Z') });
    const sooner = offer({ title: 'sooner', expiresAt: new Date('2027-02-01T00:00:00Z') });
    expect(ids(bestCoupons([{ shopId: 1, itemsFen: 10_000 }], [later, sooner]))).toEqual([[null, 'sooner']]);
  });

  it('refuses two orders of one shop', () => {
    expect(() =>
      bestCoupons(
        [
          { shopId: 1, itemsFen: 1 },
          { shopId: 1, itemsFen: 2 },
        ],
        [],
      ),
    ).toThrow(/one order per shop/);
  });

  it('matches brute force on random carts', () => {
    let seed = 7;
    const rand = (n: number) => {
      seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
      return seed % n;
    };
    const randomCoupon = (funder: 'platform' | 'shop', shopId: number | null): CouponOffer => {
      const kind = (['threshold', 'percent', 'no_threshold'] as const)[rand(3)]!;
      const discountFen = 100 * (1 + rand(60));
      return offer({
        funder,
        shopId,
        kind,
        thresholdFen:
          kind === 'threshold' ? discountFen + 100 * rand(200) : kind === 'percent' ? 100 * rand(100) : 0,
        discountFen,
        percentBp: 100 * (1 + rand(30)),
        capFen: rand(2) ? 100 * (1 + rand(50)) : null,
      });
    };
    for (let run = 0; run < 300; run++) {
      const orders = Array.from({ length: 1 + rand(3) }, (_, i) => ({
        shopId: i + 1,
        itemsFen: 100 * (1 + rand(300)),
      }));
      const offers = [
        ...Array.from({ length: rand(4) }, () => randomCoupon('platform', null)),
        ...orders.flatMap((o) => Array.from({ length: rand(3) }, () => randomCoupon('shop', o.shopId))),
      ];
      const choices = bestCoupons(orders, offers);
      expect(total(orders, choices)).toBe(bruteForce(orders, offers));
      const used = choices.flatMap((c) => [c.shopCoupon, c.platformCoupon]).filter((c) => c !== null);
      expect(new Set(used.map((c) => c.buyerCouponId)).size).toBe(used.length);
      choices.forEach((c, i) => {
        expect(c.shopCoupon === null || c.shopCoupon.shopId === orders[i]!.shopId).toBe(true);
        expect(c.platformCoupon === null || c.platformCoupon.funder === 'platform').toBe(true);
      });
    }
  });

  it('stays fast with dozens of coupons and many orders', () => {
    const orders = Array.from({ length: 20 }, (_, i) => ({ shopId: i + 1, itemsFen: 10_000 + i * 1_000 }));
    const offers = [
      ...Array.from({ length: 40 }, (_, i) => offer({ discountFen: 100 + i * 10 })),
      ...orders.flatMap((o) =>
        Array.from({ length: 10 }, (_, i) => shopOffer(o.shopId, { discountFen: 100 + i })),
      ),
    ];
    const started = performance.now();
    bestCoupons(orders, offers);
    expect(performance.now() - started).toBeLessThan(500);
  });
});
