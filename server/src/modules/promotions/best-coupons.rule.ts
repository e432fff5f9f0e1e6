import { couponDiscount } from './coupon-discount.rule.ts';
import type { CouponOffer } from './coupon-offer.ts';

export interface CouponOrder {
  shopId: number;
  itemsFen: number;
}

export interface CouponChoice {
  shopCoupon: CouponOffer | null;
  platformCoupon: CouponOffer | null;
}

/** The discounts of a choice on one order: the shop coupon first, the platform coupon on what is left. */
export function choiceDiscounts(
  itemsFen: number,
  choice: CouponChoice,
): { shopDiscountFen: number; platformDiscountFen: number } {
  const shopDiscountFen = choice.shopCoupon ? couponDiscount(choice.shopCoupon, itemsFen) : 0;
  const platformDiscountFen = choice.platformCoupon
    ? couponDiscount(choice.platformCoupon, itemsFen - shopDiscountFen)
    : 0;
  return { shopDiscountFen, platformDiscountFen };
}

// Sooner-expiring coupons first, so that among equal discounts the one about to lapse is used.
const byExpiry = (a: CouponOffer, b: CouponOffer) =>
  a.expiresAt.getTime() - b.expiresAt.getTime() || a.buyerCouponId - b.buyerCouponId;

/**
 * product rules §9 Coupons: the best assignment for a cart, one answer per order (one order per shop,
 * as checkout builds them): at most one shop coupon of that shop and one platform coupon per order,
 * each coupon used once, maximising the total discount. Exact and polynomial: for each order and each
 * platform coupon (or none) the best shop coupon is found directly (shop coupons of different shops never
 * compete), then platform coupons are assigned to orders by the Hungarian method. Coupons that would
 * take nothing off are not chosen.
 */
export function bestCoupons(orders: CouponOrder[], offers: CouponOffer[]): CouponChoice[] {
  const shops = new Set(orders.map((o) => o.shopId));
  if (shops.size !== orders.length) throw new Error('bestCoupons: one order per shop');
  const sorted = [...offers].sort(byExpiry);
  const platform = sorted.filter((o) => o.funder === 'platform');
  const shopOffers = (shopId: number) => sorted.filter((o) => o.funder === 'shop' && o.shopId === shopId);

  // best[i][j]: the best choice for order i with platform coupon j (j = platform.length: none).
  const best = orders.map((order) => {
    const own = shopOffers(order.shopId);
    return [...platform, null].map((platformCoupon) => {
      let top: { value: number; choice: CouponChoice } = {
        value: -1,
        choice: { shopCoupon: null, platformCoupon },
      };
      for (const shopCoupon of [null, ...own]) {
        const choice = { shopCoupon, platformCoupon };
        const d = choiceDiscounts(order.itemsFen, choice);
        const value = d.shopDiscountFen + d.platformDiscountFen;
        if (value > top.value) top = { value, choice };
      }
      return top;
    });
  });

  // Columns: each platform coupon, then one "none" column per order.
  const columns = platform.length + orders.length;
  const cost = orders.map((_, i) =>
    Array.from({ length: columns }, (_, j) => -best[i]![Math.min(j, platform.length)]!.value),
  );
  const columnOf = assignMinCost(cost);

  return orders.map((order, i) => {
    const j = Math.min(columnOf[i]!, platform.length);
    const choice = best[i]![j]!.choice;
    const d = choiceDiscounts(order.itemsFen, choice);
    return {
      shopCoupon: d.shopDiscountFen > 0 ? choice.shopCoupon : null,
      platformCoupon: d.platformDiscountFen > 0 ? choice.platformCoupon : null,
    };
  });
}

/**
 * The Hungarian method (potentials, O(n²·m)) for an n×m cost matrix with n ≤ m: the column of each row
 * in an assignment of least total cost, every row to a distinct column.
 */
export function assignMinCost(cost: number[][]): number[] {
  const n = cost.length;
  if (n === 0) return [];
  const m = cost[0]!.length;
  if (m < n) throw new Error('assignMinCost: more rows than columns');
  const u = new Array<number>(n + 1).fill(0);
  const v = new Array<number>(m + 1).fill(0);
  const rowOfColumn = new Array<number>(m + 1).fill(0); // 1-based row; 0: free
  const way = new Array<number>(m + 1).fill(0);
  for (let i = 1; i <= n; i++) {
    rowOfColumn[0] = i;
    let j0 = 0;
    const minv = new Array<number>(m + 1).fill(Number.POSITIVE_INFINITY);
    const used = new Array<boolean>(m + 1).fill(false);
    do {
      used[j0] = true;
      const i0 = rowOfColumn[j0]!;
      let delta = Number.POSITIVE_INFINITY;
      let j1 = 0;
      for (let j = 1; j <= m; j++) {
        if (used[j]) continue;
        const reduced = cost[i0 - 1]![j - 1]! - u[i0]! - v[j]!;
        if (reduced < minv[j]!) {
          minv[j] = reduced;
          way[j] = j0;
        }
        if (minv[j]! < delta) {
          delta = minv[j]!;
          j1 = j;
        }
      }
      for (let j = 0; j <= m; j++) {
        if (used[j]) {
          const row = rowOfColumn[j]!;
          u[row] = u[row]! + delta;
          v[j] = v[j]! - delta;
        } else {
          minv[j] = minv[j]! - delta;
        }
      }
      j0 = j1;
    } while (rowOfColumn[j0] !== 0);
    do {
      const j1 = way[j0]!;
      rowOfColumn[j0] = rowOfColumn[j1]!;
      j0 = j1;
    } while (j0 !== 0);
  }
  const columnOf = new Array<number>(n).fill(-1);
  for (let j = 1; j <= m; j++) if (rowOfColumn[j]! > 0) columnOf[rowOfColumn[j]! - 1] = j - 1;
  return columnOf;
}
