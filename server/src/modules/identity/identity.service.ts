import { sql } from 'kysely';
import type { Principal } from '../../platform/access.ts';
import type { Clock } from '../../platform/clock.ts';
import { DAY } from '../../platform/clock.ts';
import { type Db, type Executor, isUniqueViolation, type Tx } from '../../platform/db.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { notify } from '../../platform/pubsub.ts';
import type { OpsRole, UserKind } from './identity.tables.ts';
import { hashPassword, verifyAgainstNoAccount, verifyPassword } from './password.ts';
import { hashToken, newToken, TOKEN_REVOKED_CHANNEL } from './token.ts';

export const TOKEN_TTL_MS = 30 * DAY;

export interface NewAccount {
  kind: UserKind;
  login: string;
  password: string;
  displayName: string;
  phone?: string | null;
  opsRoles?: OpsRole[];
}

export interface Account {
  id: number;
  kind: UserKind;
  login: string;
  displayName: string;
  phone: string | null;
  opsRoles: OpsRole[];
  createdAt: Date;
}

export const normaliseLogin = (login: string) => login.trim().toLowerCase();

/** Creates an account. Hash first, so the insert transaction stays short. */
export async function createAccount(db: Executor, input: NewAccount): Promise<Account> {
  const passwordHash = await hashPassword(input.password);
  const login = normaliseLogin(input.login);
  try {
    // Inside a caller's transaction (staff created with their membership), run in it.
    const inTransaction = <T>(fn: (tx: Tx) => Promise<T>) =>
      db.isTransaction ? fn(db as Tx) : db.transaction().execute(fn);
    return await inTransaction(async (tx) => {
      const user = await tx
        .insertInto('users')
        .values({
          kind: input.kind,
          login,
          displayName: input.displayName.trim(),
          phone: input.phone ?? null,
          passwordHash,
        })
        .returning(['id', 'kind', 'login', 'displayName', 'phone', 'createdAt'])
        .executeTakeFirstOrThrow();
      const roles = input.kind === 'ops' ? [...new Set(input.opsRoles ?? [])] : [];
      if (roles.length > 0) {
        await tx
          .insertInto('opsRoles')
          .values(roles.map((role) => ({ userId: user.id, role })))
          .execute();
      }
      return { ...user, opsRoles: roles };
    });
  } catch (err) {
    if (isUniqueViolation(err)) {
      throw new AppError(
        'already_exists',
        `login: "${login}" is already registered`,
        { fields: [{ field: 'login', reason: 'already registered' }] },
        { key: 'login_taken' },
      );
    }
    throw err;
  }
}

export async function getAccount(db: Executor, userId: number): Promise<Account> {
  const user = await db
    .selectFrom('users')
    .select(['id', 'kind', 'login', 'displayName', 'phone', 'createdAt'])
    .where('id', '=', userId)
    .executeTakeFirst();
  if (!user) throw notFound('account', userId);
  const roles = await db.selectFrom('opsRoles').select('role').where('userId', '=', userId).execute();
  return { ...user, opsRoles: roles.map((r) => r.role) };
}

export async function findAccountByLogin(db: Executor, login: string): Promise<Account | undefined> {
  const user = await db
    .selectFrom('users')
    .select('id')
    .where('login', '=', normaliseLogin(login))
    .executeTakeFirst();
  return user ? getAccount(db, user.id) : undefined;
}

export interface Session {
  token: string;
  expiresAt: Date;
  account: Account;
}

export async function login(db: Db, clock: Clock, loginName: string, password: string): Promise<Session> {
  const user = await db
    .selectFrom('users')
    .select(['id', 'passwordHash', 'status'])
    .where('login', '=', normaliseLogin(loginName))
    .executeTakeFirst();
  // Same answer, and the same argon2 work, for an unknown login and a wrong password.
  const ok = user
    ? await verifyPassword(user.passwordHash, password)
    : await verifyAgainstNoAccount(password);
  if (!user || !ok || user.status !== 'active') {
    throw new AppError('invalid_credentials', 'Login or password is wrong');
  }
  return issueToken(db, clock, user.id);
}

export async function issueToken(db: Db, clock: Clock, userId: number): Promise<Session> {
  const { token, hash } = newToken();
  const expiresAt = new Date(clock.now().getTime() + TOKEN_TTL_MS);
  await db.insertInto('authTokens').values({ tokenHash: hash, userId, expiresAt, revokedAt: null }).execute();
  return { token, expiresAt, account: await getAccount(db, userId) };
}

/** Revokes the token; every process's token cache hears of it on commit (TOKEN_REVOKED_CHANNEL). */
export async function logout(db: Db, clock: Clock, principal: Principal): Promise<void> {
  await db.transaction().execute(async (tx) => {
    await tx
      .updateTable('authTokens')
      .set({ revokedAt: clock.now() })
      .where('tokenHash', '=', principal.tokenHash)
      .where('revokedAt', 'is', null)
      .execute();
    await notify(tx, TOKEN_REVOKED_CHANNEL, principal.tokenHash.toString('hex'));
  });
}

/** Token → principal in one query; null when the token is unknown, expired, revoked or its account disabled. */
export async function resolveToken(db: Db, clock: Clock, token: string): Promise<Principal | null> {
  if (token.length < 10 || token.length > 200) return null;
  const tokenHash = hashToken(token);
  const row = await db
    .selectFrom('authTokens as t')
    .innerJoin('users as u', 'u.id', 't.userId')
    .select([
      'u.id',
      'u.kind',
      't.expiresAt',
      sql<string[]>`coalesce((select array_agg(r.role) from ops_roles r where r.user_id = u.id), '{}')`.as(
        'roles',
      ),
    ])
    .where('t.tokenHash', '=', tokenHash)
    .where('t.revokedAt', 'is', null)
    .where('t.expiresAt', '>', clock.now())
    .where('u.status', '=', 'active')
    .executeTakeFirst();
  if (!row) return null;
  return {
    userId: row.id,
    kind: row.kind,
    opsRoles: row.roles as OpsRole[],
    tokenHash,
    expiresAt: row.expiresAt,
  };
}

/** Display names of many accounts in one query (for lists such as live rooms). */
export async function displayNames(db: Executor, userIds: readonly number[]): Promise<Map<number, string>> {
  if (userIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('users')
    .select(['id', 'displayName'])
    .where('id', 'in', userIds)
    .execute();
  return new Map(rows.map((r) => [r.id, r.displayName]));
}
