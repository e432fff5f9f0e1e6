export {
  BACKTEST_USAGE,
  type BacktestArgs,
  backtestPolicy,
  formatBacktest,
  parseBacktestArgs,
} from './backtest.command.ts';
export { type BacktestReport, backtest } from './backtest.service.ts';
export {
  type BuyerLabel,
  type BuyerLabelName,
  buyerLabelsOf,
  clearBuyerLabel,
  isHighRefundBuyer,
  replaceSystemLabels,
  type SystemBuyerLabel,
  setOpsBuyerLabel,
} from './buyer-labels.ts';
export {
  assignCase,
  type CaseHooks,
  type CaseResolvedHook,
  type CaseView,
  getCase,
  listCases,
  resolveCase,
  resolveOpenCasesOf,
} from './cases.service.ts';
export {
  CHECKPOINTS,
  type Checkpoint,
  ENTITY_TYPES,
  type EntityType,
  type FeatureSnapshot,
  LINK_TYPES,
  type LinkType,
  REGISTRIES,
} from './checkpoints.ts';
export { type CompiledPolicy, compilePolicy, type FiredRule, policyProblems } from './compile-policy.ts';
export { type Activity, recordActivities, recordActivity } from './counters.service.ts';
export { type DecideInput, type Decision, decide } from './decide.service.ts';
export { type BatchItem, decideMany } from './decide-batch.service.ts';
export { DEFAULT_POLICIES } from './default-policies.ts';
export { trustEngineRoutes } from './engine.routes.ts';
export type { TrustEngineTables } from './engine.tables.ts';
export {
  blacklist,
  type Identifiers,
  isBlacklisted,
  linkEntities,
  linkedAccounts,
  linkUsersEntities,
} from './entities.service.ts';
export { abuseLabelsOfBuyer, highRefundBuyerIds } from './labelled-buyers.ts';
export { clearLabel, labelsOf, type Subject, setLabel } from './labels.service.ts';
export { activatePolicy, createDraft, startShadow, stopShadow } from './policies.service.ts';
export type { Condition, Outcome, Policy, Rule } from './rule-language.ts';
