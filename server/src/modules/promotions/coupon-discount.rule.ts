import { applyBasisPoints } from '../../platform/money.ts';
import type { CouponOffer } from './coupon-offer.ts';

type DiscountTerms = Pick<CouponOffer, 'kind' | 'thresholdFen' | 'discountFen' | 'percentBp' | 'capFen'>;

/**
 * product rules §9 Coupons: the discount of one coupon on an eligible amount (a shop coupon: the order's
 * items; a platform coupon: the items less the shop discount). 0 below the threshold. A coupon never
 * makes the items free: at least 1 fen of them is left to pay.
 */
export function couponDiscount(offer: DiscountTerms, eligibleFen: number): number {
  if (eligibleFen <= 0 || eligibleFen < offer.thresholdFen) return 0;
  let discount: number;
  switch (offer.kind) {
    case 'threshold':
    case 'no_threshold':
      discount = offer.discountFen;
      break;
    case 'percent':
      discount = applyBasisPoints(eligibleFen, offer.percentBp);
      if (offer.capFen !== null) discount = Math.min(discount, offer.capFen);
      break;
  }
  return Math.max(0, Math.min(discount, eligibleFen - 1));
}
