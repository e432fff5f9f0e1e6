export {
  accountIsActive,
  accountLogins,
  accountsCreatedAt,
  displayNameOf,
  isActiveOpsAccount,
} from './account-facts.ts';
export { contactsOf, findAccountIds, maskPhone } from './account-lookup.ts';
export { identityRoutes } from './identity.routes.ts';
export {
  type Account,
  createAccount,
  displayNames,
  findAccountByLogin,
  getAccount,
  issueToken,
  resolveToken,
} from './identity.service.ts';
export type { OpsRole, UserKind } from './identity.tables.ts';
export { hashPassword, verifyPassword } from './password.ts';
export { ACCOUNT_CHANGED_CHANNEL } from './token.ts';
export { TokenCache } from './token-cache.ts';
