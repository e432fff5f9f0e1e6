import type { Account } from '../common/session.tsx';

export type OpsRole = Account['opsRoles'][number];

/** The navigation's groups, in order; `home` (the overview) has no heading. */
export const NAV_GROUPS = ['home', 'desk', 'trust', 'growth', 'rules'] as const;
export type NavGroup = (typeof NAV_GROUPS)[number];

/** The console's pages and the ops roles whose routes each page uses (super_admin passes every check). */
export const PAGES = [
  { path: '', group: 'home', key: 'ops.nav.overview', roles: ['reviewer', 'arbiter', 'rule_admin'] },
  { path: 'queues', group: 'desk', key: 'ops.nav.queues', roles: ['reviewer', 'rule_admin'] },
  { path: 'reviews/listings', group: 'desk', key: 'ops.nav.listings', roles: ['reviewer'] },
  { path: 'reviews/merchants', group: 'desk', key: 'ops.nav.merchants', roles: ['reviewer'] },
  { path: 'reviews/content', group: 'desk', key: 'ops.nav.content', roles: ['reviewer'] },
  { path: 'reviews/reviews', group: 'desk', key: 'ops.nav.reviews', roles: ['reviewer'] },
  { path: 'ip', group: 'desk', key: 'ops.nav.ip', roles: ['reviewer'] },
  { path: 'reports', group: 'desk', key: 'ops.nav.reports', roles: ['reviewer'] },
  { path: 'arbitrations', group: 'desk', key: 'ops.nav.arbitrations', roles: ['arbiter'] },
  { path: 'appeals', group: 'desk', key: 'ops.nav.appeals', roles: ['arbiter'] },
  { path: 'policies', group: 'rules', key: 'ops.nav.policies', roles: ['rule_admin', 'reviewer'] },
  { path: 'lexicon', group: 'rules', key: 'ops.nav.lexicon', roles: ['rule_admin', 'reviewer'] },
  { path: 'live', group: 'desk', key: 'ops.nav.live', roles: ['reviewer', 'arbiter'] },
  {
    path: 'configuration',
    group: 'rules',
    key: 'ops.nav.configuration',
    roles: ['rule_admin', 'arbiter', 'reviewer'],
  },
  { path: 'ledger', group: 'rules', key: 'ops.nav.ledger', roles: ['arbiter'] },
  { path: 'webhooks', group: 'rules', key: 'integrations.webhooks.opsTitle', roles: ['rule_admin'] },
  {
    path: 'reputation',
    group: 'trust',
    key: 'ops.nav.reputation',
    roles: ['rule_admin', 'arbiter', 'reviewer'],
  },
  {
    path: 'reputation/rules',
    group: 'trust',
    key: 'ops.nav.reputationConfig',
    roles: ['rule_admin', 'arbiter', 'reviewer'],
  },
  {
    path: 'trust-badges',
    group: 'trust',
    key: 'ops.nav.trustBadges',
    roles: ['reviewer', 'arbiter', 'rule_admin'],
  },
  { path: 'coupons', group: 'growth', key: 'ops.nav.coupons', roles: ['rule_admin'] },
  { path: 'growth', group: 'growth', key: 'ops.nav.growth', roles: ['rule_admin', 'arbiter', 'reviewer'] },
  { path: 'buyers/claims', group: 'trust', key: 'ops.nav.claimSuccess', roles: ['reviewer', 'arbiter'] },
  { path: 'nps', group: 'trust', key: 'ops.nav.nps', roles: ['reviewer', 'arbiter', 'rule_admin'] },
  {
    path: 'chat-metrics',
    group: 'trust',
    key: 'ops.nav.chatMetrics',
    roles: ['reviewer', 'arbiter', 'rule_admin'],
  },
  { path: 'care', group: 'trust', key: 'ops.nav.care', roles: ['reviewer', 'arbiter'] },
  { path: 'voice', group: 'trust', key: 'ops.nav.voice', roles: ['reviewer', 'arbiter', 'rule_admin'] },
  {
    path: 'sku-protections',
    group: 'trust',
    key: 'ops.nav.skuProtection',
    roles: ['reviewer', 'arbiter'],
  },
  {
    path: 'ranking',
    group: 'growth',
    key: 'discovery.ops.title',
    roles: ['rule_admin', 'arbiter', 'reviewer'],
  },
] as const satisfies readonly { path: string; group: NavGroup; key: string; roles: readonly OpsRole[] }[];

/** Whether an account holds one of `roles` (the server's rule: super_admin passes every ops check). */
export function mayUse(account: Account | undefined, roles: readonly OpsRole[]): boolean {
  if (account?.kind !== 'ops') return false;
  if (account.opsRoles.includes('super_admin')) return true;
  return roles.some((role) => account.opsRoles.includes(role));
}
