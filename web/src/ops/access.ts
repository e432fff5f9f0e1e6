import type { Account } from '../common/session.tsx';

export type OpsRole = Account['opsRoles'][number];

/** The console's pages and the ops roles whose routes each page uses (super_admin passes every check). */
export const PAGES = [
  { path: '', key: 'ops.nav.overview', roles: ['reviewer', 'arbiter', 'rule_admin'] },
  { path: 'queues', key: 'ops.nav.queues', roles: ['reviewer', 'rule_admin'] },
  { path: 'reviews/listings', key: 'ops.nav.listings', roles: ['reviewer'] },
  { path: 'reviews/merchants', key: 'ops.nav.merchants', roles: ['reviewer'] },
  { path: 'reviews/content', key: 'ops.nav.content', roles: ['reviewer'] },
  { path: 'reviews/reviews', key: 'ops.nav.reviews', roles: ['reviewer'] },
  { path: 'ip', key: 'ops.nav.ip', roles: ['reviewer'] },
  { path: 'arbitrations', key: 'ops.nav.arbitrations', roles: ['arbiter'] },
  { path: 'appeals', key: 'ops.nav.appeals', roles: ['arbiter'] },
  { path: 'policies', key: 'ops.nav.policies', roles: ['rule_admin', 'reviewer'] },
  { path: 'lexicon', key: 'ops.nav.lexicon', roles: ['rule_admin', 'reviewer'] },
  { path: 'live', key: 'ops.nav.live', roles: ['reviewer', 'arbiter'] },
  { path: 'configuration', key: 'ops.nav.configuration', roles: ['rule_admin', 'arbiter', 'reviewer'] },
  { path: 'ledger', key: 'ops.nav.ledger', roles: ['arbiter'] },
  { path: 'reputation', key: 'ops.nav.reputation', roles: ['rule_admin', 'arbiter', 'reviewer'] },
  { path: 'reputation/rules', key: 'ops.nav.reputationConfig', roles: ['rule_admin', 'arbiter', 'reviewer'] },
  { path: 'trust-badges', key: 'ops.nav.trustBadges', roles: ['reviewer', 'arbiter', 'rule_admin'] },
  { path: 'coupons', key: 'ops.nav.coupons', roles: ['rule_admin'] },
  { path: 'growth', key: 'ops.nav.growth', roles: ['rule_admin', 'arbiter', 'reviewer'] },
  { path: 'buyers/claims', key: 'ops.nav.claimSuccess', roles: ['reviewer', 'arbiter'] },
  { path: 'nps', key: 'ops.nav.nps', roles: ['reviewer', 'arbiter', 'rule_admin'] },
  { path: 'ranking', key: 'discovery.ops.title', roles: ['rule_admin', 'arbiter', 'reviewer'] },
] as const satisfies readonly { path: string; key: string; roles: readonly OpsRole[] }[];

/** Whether an account holds one of `roles` (the server's rule: super_admin passes every ops check). */
export function mayUse(account: Account | undefined, roles: readonly OpsRole[]): boolean {
  if (account?.kind !== 'ops') return false;
  if (account.opsRoles.includes('super_admin')) return true;
  return roles.some((role) => account.opsRoles.includes(role));
}
