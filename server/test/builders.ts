import { randomBytes } from 'node:crypto';
import { createAccount, issueToken, type OpsRole, type UserKind } from '../src/modules/identity/index.ts';
import type { TestContext } from './harness.ts';

export interface TestUser {
  id: number;
  login: string;
  token: string;
}

const unique = () => randomBytes(4).toString('hex');

/** An account of `kind`, signed in. */
export async function buildUser(
  ctx: TestContext,
  kind: UserKind,
  overrides: { login?: string; opsRoles?: OpsRole[]; displayName?: string } = {},
): Promise<TestUser> {
  const login = overrides.login ?? `${kind}-${unique()}`;
  const account = await createAccount(ctx.db, {
    kind,
    login,
    password: 'password-123',
    displayName: overrides.displayName ?? `${kind} ${login}`,
    opsRoles: overrides.opsRoles ?? (kind === 'ops' ? ['super_admin'] : []),
  });
  const session = await issueToken(ctx.db, ctx.clock, account.id);
  return { id: account.id, login: account.login, token: session.token };
}

export const buildBuyer = (ctx: TestContext) => buildUser(ctx, 'buyer');
export const buildOps = (ctx: TestContext, roles: OpsRole[] = ['super_admin']) =>
  buildUser(ctx, 'ops', { opsRoles: roles });
