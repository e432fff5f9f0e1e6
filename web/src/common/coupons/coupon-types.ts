import type { paths } from '../../api/client.ts';

type Ok<P extends keyof paths, M extends 'get' | 'post', C extends number = 200> = paths[P][M] extends {
  responses: infer R;
}
  ? R extends Record<C, { content: { 'application/json': infer T } }>
    ? T
    : never
  : never;

/** A campaign as the merchant and ops screens see it (issued and used counts). */
export type Campaign = Ok<'/api/v1/shops/{id}/coupons', 'get'>['items'][number];
export type CampaignState = Campaign['state'];
/** A coupon open for claims (coupon centre, live room) with the buyer's holding and refusal. */
export type Claimable = Ok<'/api/v1/coupons', 'get'>['items'][number];
/** A coupon the buyer holds. */
export type BuyerCoupon = Ok<'/api/v1/me/coupons', 'get'>['items'][number];
export type CouponTerms = Pick<Campaign, 'kind' | 'thresholdFen' | 'discountFen' | 'percentBp' | 'capFen'>;
