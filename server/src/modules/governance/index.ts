export {
  type CatalogueEntry,
  catalogueEntry,
  isViolationCode,
  PENALTY_KINDS,
  type PenaltyKind,
  type Severity,
  type SubjectType,
  VIOLATION_CATALOGUE,
  VIOLATION_CODES,
  type ViolationCode,
  type ViolationSource,
} from './catalogue.ts';
// Catalog, live and settlement ask through the ShopStanding port; the composition roots provide this.
export { governanceShopStanding } from './checks/index.ts';
export { type EmergencyStopInput, emergencyStop } from './emergency-stop.service.ts';
export { governanceEvents } from './governance.events.ts';
export { governanceRoutes } from './governance.routes.ts';
export { governanceDeadlineHandlers } from './governance-deadlines.ts';
export { shopPoints } from './points.service.ts';
export {
  provideRankingSignals,
  type RankingSignals,
  trafficLimitedSql,
} from './ranking-signals.ts';
export { seriousViolationsSince } from './serious-violations.ts';
export { type ShopGovernance, shopGovernance } from './shop-governance.service.ts';
export type { AppealView, PenaltyView, ViolationView } from './violation-view.ts';
export { type RecordViolationInput, recordViolation } from './violations.service.ts';
export { type ViolationsToFix, violationsToFix } from './violations-to-fix.ts';
