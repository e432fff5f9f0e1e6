import type { Principal } from '../../platform/access.ts';
import type { Db, Tx } from '../../platform/db.ts';
import { invalidField, notFound } from '../../platform/errors.ts';
import { notify } from '../../platform/pubsub.ts';
import { type Account, getAccount } from './identity.service.ts';
import type { OpsRole } from './identity.tables.ts';
import { ACCOUNT_CHANGED_CHANNEL } from './token.ts';

export type AccountStatus = 'active' | 'disabled';

export interface ManagedAccount extends Account {
  status: AccountStatus;
}

/**
 * Tells every process (on commit) that what an account may do has changed: their token caches drop
 * the account's tokens and resolve them afresh on the next request.
 */
async function announce(tx: Tx, userId: number): Promise<void> {
  await notify(tx, ACCOUNT_CHANGED_CHANNEL, String(userId));
}

async function lockAccount(tx: Tx, userId: number) {
  const user = await tx
    .selectFrom('users')
    .select(['id', 'kind', 'status'])
    .where('id', '=', userId)
    .forUpdate()
    .executeTakeFirst();
  if (!user) throw notFound('account', userId);
  return user;
}

async function managed(db: Db, userId: number): Promise<ManagedAccount> {
  const [account, row] = await Promise.all([
    getAccount(db, userId),
    db.selectFrom('users').select('status').where('id', '=', userId).executeTakeFirstOrThrow(),
  ]);
  return { ...account, status: row.status };
}

/** Replaces an ops account's roles (super admin); every process applies them within a second. */
export async function setOpsRoles(
  db: Db,
  actor: Principal,
  userId: number,
  roles: readonly OpsRole[],
): Promise<ManagedAccount> {
  await db.transaction().execute(async (tx) => {
    const user = await lockAccount(tx, userId);
    if (user.kind !== 'ops') throw invalidField('roles', 'only ops accounts hold roles');
    if (userId === actor.userId && !roles.includes('super_admin')) {
      throw invalidField('roles', 'a super admin cannot remove their own super admin role');
    }
    await tx.deleteFrom('opsRoles').where('userId', '=', userId).execute();
    const unique = [...new Set(roles)];
    if (unique.length > 0) {
      await tx
        .insertInto('opsRoles')
        .values(unique.map((role) => ({ userId, role })))
        .execute();
    }
    await announce(tx, userId);
  });
  return managed(db, userId);
}

/**
 * Disables an account (it can no longer sign in and its tokens stop working in every process
 * within a second) or enables it again (its unexpired tokens work again).
 */
export async function setAccountStatus(
  db: Db,
  actor: Principal,
  userId: number,
  status: AccountStatus,
): Promise<ManagedAccount> {
  await db.transaction().execute(async (tx) => {
    await lockAccount(tx, userId);
    if (userId === actor.userId && status === 'disabled') {
      throw invalidField('status', 'you cannot disable your own account');
    }
    await tx.updateTable('users').set({ status }).where('id', '=', userId).execute();
    await announce(tx, userId);
  });
  return managed(db, userId);
}
