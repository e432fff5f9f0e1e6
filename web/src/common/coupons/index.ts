export { CampaignForm, type CampaignScope } from './CampaignForm.tsx';
export { type CampaignOwner, CampaignsScreen } from './CampaignsScreen.tsx';
export { couponFace, couponRule, zhe, zheToBp } from './coupon-rule.ts';
export type { BuyerCoupon, Campaign, CampaignState, Claimable, CouponTerms } from './coupon-types.ts';
