export { allocateDiscount } from './allocate-discount.rule.ts';
export { bestCoupons, type CouponChoice, type CouponOrder, choiceDiscounts } from './best-coupons.rule.ts';
export { couponDiscount } from './coupon-discount.rule.ts';
export type { CouponOffer } from './coupon-offer.ts';
export { redeemCoupons, returnCoupons, usableCoupons } from './coupon-use.service.ts';
export { grantPlatformCoupon, type PlatformCouponGrant } from './grant.service.ts';
export { promotionsRoutes } from './promotions.routes.ts';
export type { PromotionsTables } from './promotions.tables.ts';
export { promotionDeadlineHandlers } from './promotions-deadlines.ts';
