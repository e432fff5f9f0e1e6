import type { Principal } from '../../platform/access.ts';
import type { Clock } from '../../platform/clock.ts';
import { type Executor, inTransaction, isForeignKeyViolation, isUniqueViolation } from '../../platform/db.ts';
import { AppError, invalidField, notFound } from '../../platform/errors.ts';
import { assertTransition } from '../../platform/state-machine.ts';
import { createAccount } from '../identity/index.ts';
import { shopTransitions } from './shop.machine.ts';
import type { ShopRole, ShopState, ShopType } from './shops.tables.ts';

export interface Shop {
  id: number;
  name: string;
  type: ShopType;
  state: ShopState;
  ownerUserId: number;
  mainCategoryId: number;
  description: string;
  createdAt: Date;
}

const shopColumns = [
  'id',
  'name',
  'type',
  'state',
  'ownerUserId',
  'mainCategoryId',
  'description',
  'createdAt',
] as const;

function translateWriteError(err: unknown, name?: string): never {
  if (isUniqueViolation(err))
    throw new AppError('already_exists', `name: a shop named "${name}" exists`, {
      fields: [{ field: 'name', reason: 'already taken' }],
    });
  if (isForeignKeyViolation(err)) throw invalidField('mainCategoryId', 'unknown category');
  throw err;
}

export async function createShop(
  db: Executor,
  principal: Principal,
  input: { name: string; type: ShopType; mainCategoryId: number; description?: string },
): Promise<Shop> {
  try {
    return await db.transaction().execute(async (tx) => {
      const shop = await tx
        .insertInto('shops')
        .values({
          name: input.name.trim(),
          type: input.type,
          ownerUserId: principal.userId,
          mainCategoryId: input.mainCategoryId,
          description: input.description ?? '',
        })
        .returning(shopColumns)
        .executeTakeFirstOrThrow();
      await tx
        .insertInto('shopMembers')
        .values({ shopId: shop.id, userId: principal.userId, role: 'owner' })
        .execute();
      return shop;
    });
  } catch (err) {
    translateWriteError(err, input.name);
  }
}

export async function getShop(db: Executor, shopId: number): Promise<Shop> {
  const shop = await db.selectFrom('shops').select(shopColumns).where('id', '=', shopId).executeTakeFirst();
  if (!shop) throw notFound('shop', shopId);
  return shop;
}

export async function listShopsOf(db: Executor, userId: number): Promise<(Shop & { role: ShopRole })[]> {
  return db
    .selectFrom('shops')
    .innerJoin('shopMembers as m', 'm.shopId', 'shops.id')
    .select(shopColumns.map((c) => `shops.${c}` as const))
    .select('m.role')
    .where('m.userId', '=', userId)
    .orderBy('shops.id')
    .execute();
}

/**
 * The caller's role in the shop. Another tenant's shop answers 404, as if it did not exist, so that
 * shop ids leak nothing. Ops are not members: ops routes use their own checks.
 */
export async function requireShopMember(
  db: Executor,
  principal: Principal,
  shopId: number,
  opts: { ownerOnly?: boolean } = {},
): Promise<ShopRole> {
  const member = await db
    .selectFrom('shopMembers')
    .select('role')
    .where('shopId', '=', shopId)
    .where('userId', '=', principal.userId)
    .executeTakeFirst();
  if (!member) throw notFound('shop', shopId);
  if (opts.ownerOnly && member.role !== 'owner') {
    throw new AppError('forbidden', 'Only the shop owner may do this');
  }
  return member.role;
}

export async function updateShop(
  db: Executor,
  principal: Principal,
  shopId: number,
  input: { name?: string; description?: string },
  clock: Clock,
): Promise<Shop> {
  await requireShopMember(db, principal, shopId, { ownerOnly: true });
  try {
    const shop = await db
      .updateTable('shops')
      .set({
        ...(input.name !== undefined ? { name: input.name.trim() } : {}),
        ...(input.description !== undefined ? { description: input.description } : {}),
        updatedAt: clock.now(),
      })
      .where('id', '=', shopId)
      .returning(shopColumns)
      .executeTakeFirstOrThrow();
    return shop;
  } catch (err) {
    translateWriteError(err, input.name);
  }
}

export interface StaffMember {
  userId: number;
  login: string;
  displayName: string;
  role: ShopRole;
}

export async function addStaff(
  db: Executor,
  principal: Principal,
  shopId: number,
  input: { login: string; password: string; displayName: string },
): Promise<StaffMember> {
  await requireShopMember(db, principal, shopId, { ownerOnly: true });
  // The account and its membership commit together: no staff account without a shop.
  const account = await db.transaction().execute(async (tx) => {
    const created = await createAccount(tx, { ...input, kind: 'merchant' });
    await tx.insertInto('shopMembers').values({ shopId, userId: created.id, role: 'staff' }).execute();
    return created;
  });
  return { userId: account.id, login: account.login, displayName: account.displayName, role: 'staff' };
}

export async function listStaff(db: Executor, principal: Principal, shopId: number): Promise<StaffMember[]> {
  await requireShopMember(db, principal, shopId);
  return db
    .selectFrom('shopMembers as m')
    .innerJoin('users as u', 'u.id', 'm.userId')
    .select(['u.id as userId', 'u.login', 'u.displayName', 'm.role'])
    .where('m.shopId', '=', shopId)
    .orderBy('u.id')
    .execute();
}

export async function removeStaff(
  db: Executor,
  principal: Principal,
  shopId: number,
  userId: number,
): Promise<void> {
  await requireShopMember(db, principal, shopId, { ownerOnly: true });
  const removed = await db
    .deleteFrom('shopMembers')
    .where('shopId', '=', shopId)
    .where('userId', '=', userId)
    .where('role', '=', 'staff')
    .executeTakeFirst();
  if (Number(removed.numDeletedRows) === 0) throw notFound('staff member', userId);
}

/** Ops move a shop through its states (DOMAIN.md §2); governance will call this too. */
export async function changeShopState(
  db: Executor,
  shopId: number,
  change: { to: ShopState; reason: string; actorId: number | null },
  clock: Clock,
): Promise<Shop> {
  return inTransaction(db, async (tx) => {
    const current = await tx
      .selectFrom('shops')
      .select('state')
      .where('id', '=', shopId)
      .forUpdate()
      .executeTakeFirst();
    if (!current) throw notFound('shop', shopId);
    assertTransition(shopTransitions, 'shop', current.state, change.to);
    await tx
      .insertInto('shopEvents')
      .values({
        shopId,
        fromState: current.state,
        toState: change.to,
        actorId: change.actorId,
        reason: change.reason,
        at: clock.now(),
      })
      .execute();
    return tx
      .updateTable('shops')
      .set({ state: change.to, updatedAt: clock.now() })
      .where('id', '=', shopId)
      .returning(shopColumns)
      .executeTakeFirstOrThrow();
  });
}

/** Names of many shops in one query (for lists such as live rooms). */
export async function shopNames(db: Executor, shopIds: readonly number[]): Promise<Map<number, string>> {
  if (shopIds.length === 0) return new Map();
  const rows = await db.selectFrom('shops').select(['id', 'name']).where('id', 'in', shopIds).execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}
