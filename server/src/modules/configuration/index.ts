export { configurationRoutes } from './configuration.routes.ts';
export { currentPolicy, policyProblems, policyVersion, updatePolicy } from './configuration.service.ts';
export {
  type AftersalesPolicy,
  AftersalesPolicySchema,
  type ClaimableGuarantee,
  defaultPolicy,
  type PolicyVersion,
} from './policy.ts';
