export { type ActiveBoost, activeBoosts, activeBoostsSql, newMerchantBoostSql } from './boost-sql.ts';
export { buyBoost } from './boosts.service.ts';
export { type CreditsReport, checkCredits } from './credits.service.ts';
export { growthRoutes } from './growth.routes.ts';
export type { BoostTarget, GrowthTables } from './growth.tables.ts';
export {
  EVALUATE_GROWTH,
  evaluateGrowth,
  growthDeadlineHandlers,
  scheduleGrowthEvaluation,
} from './growth-deadlines.ts';
export { claimStepReward, evaluateLadder } from './ladder.service.ts';
