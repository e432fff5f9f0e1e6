import { verifyPassword } from '../modules/identity/index.ts';
import type { Db } from '../platform/db.ts';
import { DEMO_PASSWORD } from './demo-people.ts';
import { DEMO_SHOPS } from './demo-shops.ts';

/** The fixed demo logins, all with the password DEMO_PASSWORD. */
export const DEMO_LOGINS: readonly { login: string; who: string }[] = [
  { login: 'buyer1', who: '买家 buyer' },
  { login: 'merchant1', who: `商家 merchant, owner of ${DEMO_SHOPS[0]!.name}` },
  { login: 'creator1', who: '达人 creator, live now' },
  { login: 'brand1', who: '权利人 rights holder (buyer app, /rights)' },
  { login: 'admin', who: '运营 ops super admin' },
  { login: 'reviewer', who: '运营 ops reviewer' },
  { login: 'arbiter', who: '运营 ops arbiter' },
  { login: 'ruleadmin', who: '运营 ops rule admin' },
];

/** The demo logins that exist and still sign in with the demo password (one hash check per distinct hash). */
export async function activeDemoLogins(db: Db): Promise<typeof DEMO_LOGINS> {
  const rows = await db
    .selectFrom('users')
    .select(['login', 'passwordHash'])
    .where(
      'login',
      'in',
      DEMO_LOGINS.map((d) => d.login),
    )
    .where('status', '=', 'active')
    .execute();
  const verdicts = new Map<string, boolean>();
  for (const hash of new Set(rows.map((r) => r.passwordHash))) {
    verdicts.set(hash, await verifyPassword(hash, DEMO_PASSWORD));
  }
  const usable = new Set(rows.filter((r) => verdicts.get(r.passwordHash)).map((r) => r.login));
  return DEMO_LOGINS.filter((d) => usable.has(d.login));
}

/** A short table of demo logins for the terminal. */
export function formatDemoLogins(logins: typeof DEMO_LOGINS): string {
  const width = Math.max(...logins.map((l) => l.login.length), 'login'.length);
  const lines = logins.map((l) => `  ${l.login.padEnd(width)}  ${DEMO_PASSWORD}  ${l.who}`);
  return [
    `Demo logins (password ${DEMO_PASSWORD}):`,
    `  ${'login'.padEnd(width)}  password     account`,
    ...lines,
  ].join('\n');
}
