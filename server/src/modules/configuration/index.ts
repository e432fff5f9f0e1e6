export { configurationRoutes } from './configuration.routes.ts';
export {
  configVersion,
  currentConfig,
  currentPolicy,
  policyVersion,
  readCurrentConfig,
  updateConfig,
  updatePolicy,
} from './configuration.service.ts';
export { keepSettingsCurrent } from './live-settings.ts';
export {
  type ConfigVersion,
  configProblems,
  type DepositsConfig,
  defaultConfig,
  type GovernanceConfig,
  type MarketplaceConfig,
  type PlatformConfig,
  PlatformConfigSchema,
  type PromotionsConfig,
} from './platform-config.ts';
export {
  type AftersalesPolicy,
  AftersalesPolicySchema,
  type ClaimableGuarantee,
  defaultPolicy,
  type PolicyVersion,
  policyProblems,
} from './policy.ts';
export { type CareConfig, defaultCare } from './sections/care.ts';
export {
  REPUTATION_DIMENSIONS,
  REPUTATION_METRICS,
  type ReputationConfig,
  type ReputationDimension,
  type ReputationMetric,
  type ReputationMetricDefinition,
} from './sections/reputation.ts';
