export { type BadgeFacts, failedBadgeConditions } from './badge.rule.ts';
// Ranking (discovery) reads the badge per shop in its own queries.
export { trustBadgeSql, trustBadges } from './badge.store.ts';
export {
  type CampaignEligibility,
  type CampaignRequirement,
  type CampaignShortfall,
  campaignEligibility,
} from './campaign-eligibility.rule.ts';
// Settlement's DepositDiscount port: the composition roots provide this.
export { standingDepositDiscount } from './deposit-discount.service.ts';
export { type ProbationVerdict, probationVerdict } from './probation-exit.rule.ts';
export { type RefreshResult, refreshStanding, refreshStandingAfterScores } from './refresh.service.ts';
export { standingRoutes } from './standing.routes.ts';
export type { BadgeCondition, BadgeState } from './standing.tables.ts';
