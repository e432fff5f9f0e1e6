/** What a campaign (or a tier of campaigns) asks of a shop's standing. */
export interface CampaignRequirement {
  /** null: open to every shop, also one without a score yet. */
  minScore: number | null;
  badgeRequired: boolean;
}

export type CampaignShortfall = 'not_enough_orders' | 'score_below' | 'no_badge';

export interface CampaignEligibility {
  eligible: boolean;
  /** Why not, in the order the merchant can fix them; empty when eligible. */
  shortfalls: CampaignShortfall[];
}

/**
 * product rules §7.2: the score gates campaign entry. A shop may enter a campaign when its experience
 * score reaches the campaign's minimum (a shop without a score only enters campaigns without one) and
 * it holds the trust badge where the campaign asks for it. Other features (platform coupons, flash
 * sales, 信任日) call this with their own requirement.
 */
export function campaignEligibility(
  score: number | null,
  badge: boolean,
  requirement: CampaignRequirement,
): CampaignEligibility {
  const shortfalls: CampaignShortfall[] = [];
  if (requirement.minScore !== null) {
    if (score === null) shortfalls.push('not_enough_orders');
    else if (score < requirement.minScore) shortfalls.push('score_below');
  }
  if (requirement.badgeRequired && !badge) shortfalls.push('no_badge');
  return { eligible: shortfalls.length === 0, shortfalls };
}
