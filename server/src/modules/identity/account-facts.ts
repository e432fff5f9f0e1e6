import { type Expression, type RawBuilder, sql } from 'kysely';
import type { UserKind } from '../../platform/access.ts';
import type { Executor } from '../../platform/db.ts';

/**
 * The display name of the account whose id `userId` holds, for a list another module reads in one
 * query (comments, reviews, staff): the SQL of the users table stays here.
 */
export function displayNameOf(userId: Expression<number>): RawBuilder<string> {
  return sql<string>`(select u.display_name from users u where u.id = ${userId})`;
}

/** When each of the given accounts was created, by id (risk facts: the age of a buyer's account). */
export async function accountsCreatedAt(
  db: Executor,
  userIds: readonly number[],
): Promise<Map<number, Date>> {
  if (userIds.length === 0) return new Map();
  const rows = await db.selectFrom('users').select(['id', 'createdAt']).where('id', 'in', userIds).execute();
  return new Map(rows.map((r) => [r.id, r.createdAt]));
}

/** Whether the account is an ops account that is not disabled (who a case may be assigned to). */
export async function isActiveOpsAccount(db: Executor, userId: number): Promise<boolean> {
  const row = await db
    .selectFrom('users')
    .select('id')
    .where('id', '=', userId)
    .where('kind', '=', 'ops')
    .where('status', '=', 'active')
    .executeTakeFirst();
  return row !== undefined;
}

/** The login and display name of each of the given accounts, by id (a shop's staff list). */
export async function accountLogins(
  db: Executor,
  userIds: readonly number[],
): Promise<Map<number, { login: string; displayName: string }>> {
  if (userIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('users')
    .select(['id', 'login', 'displayName'])
    .where('id', 'in', userIds)
    .execute();
  return new Map(rows.map(({ id, ...account }) => [id, account]));
}

/** True where the account whose id `userId` holds is of `kind` and not disabled (an API key's maker). */
export function accountIsActive(userId: Expression<number>, kind: UserKind): RawBuilder<boolean> {
  return sql<boolean>`exists (select 1 from users u where u.id = ${userId} and u.kind = ${kind} and u.status = 'active')`;
}
