export { ClaimButton } from './ClaimButton.tsx';
export { CouponCard } from './CouponCard.tsx';
export { CouponCentrePage } from './CouponCentrePage.tsx';
export { MyCouponsPage } from './MyCouponsPage.tsx';
