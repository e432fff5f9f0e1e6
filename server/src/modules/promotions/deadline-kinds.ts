/** A scheduled coupon campaign opens for claims (subject: campaign id), at its claim_starts_at. */
export const CAMPAIGN_OPEN = 'promotions.open_claims';
