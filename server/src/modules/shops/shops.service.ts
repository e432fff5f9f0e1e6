import type { Principal } from '../../platform/access.ts';
import type { Clock } from '../../platform/clock.ts';
import { type Executor, inTransaction, isForeignKeyViolation, isUniqueViolation } from '../../platform/db.ts';
import { AppError, invalidField, notFound } from '../../platform/errors.ts';
import { assertTransition, transitionRow } from '../../platform/state-machine.ts';
import { readCurrentConfig } from '../configuration/index.ts';
import { accountLogins, createAccount } from '../identity/index.ts';
import { probationListingLimit } from './onboarding.rule.ts';
import {
  decideOnboarding,
  type OnboardingIdentity,
  onboardingBlocked,
  recordOnboarding,
} from './onboarding.service.ts';
import { shopTransitions } from './shop.machine.ts';
import type { RiskTier, ShopRole, ShopState, ShopType } from './shops.tables.ts';

export interface Shop {
  id: number;
  name: string;
  type: ShopType;
  state: ShopState;
  ownerUserId: number;
  mainCategoryId: number;
  description: string;
  riskTier: RiskTier;
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
  'riskTier',
  'createdAt',
] as const;

function translateWriteError(err: unknown, name?: string): never {
  if (isUniqueViolation(err))
    throw new AppError(
      'already_exists',
      `name: a shop named "${name}" exists`,
      { fields: [{ field: 'name', reason: 'already taken' }] },
      { key: 'shop_name_taken' },
    );
  if (isForeignKeyViolation(err)) throw invalidField('mainCategoryId', 'unknown category');
  throw err;
}

/** A new shop with what onboarding decided about it (the case a `review` opened, for the merchant to follow). */
export interface OpenedShop extends Shop {
  onboarding: { outcome: 'allow' | 'review'; reasons: { zh: string; en: string }[]; caseId: number | null };
}

/**
 * Opens a shop after the merchant onboarding checkpoint (onboarding.service.ts): `block` refuses it
 * (403 onboarding_blocked) and writes nothing but the decision, which commits so the refusal stays
 * auditable; `review` and `allow` open it in probation with the risk tier the decision sets.
 */
export async function createShop(
  db: Executor,
  principal: Principal,
  input: {
    name: string;
    type: ShopType;
    mainCategoryId: number;
    description?: string;
    onboarding?: OnboardingIdentity;
  },
  opts: { clock: Clock; deviceId?: string },
): Promise<OpenedShop> {
  const now = opts.clock.now();
  let result: { blocked: AppError } | { shop: OpenedShop };
  try {
    result = await inTransaction(db, async (tx) => {
      const verdict = await decideOnboarding(tx, {
        ownerUserId: principal.userId,
        type: input.type,
        mainCategoryId: input.mainCategoryId,
        identity: input.onboarding ?? {},
        ...(opts.deviceId !== undefined ? { deviceId: opts.deviceId } : {}),
        now,
      });
      // Returned, not thrown: the transaction commits the decision alone.
      if (verdict.outcome === 'block') return { blocked: onboardingBlocked(verdict.decision) };
      const shop = await tx
        .insertInto('shops')
        .values({
          name: input.name.trim(),
          type: input.type,
          ownerUserId: principal.userId,
          mainCategoryId: input.mainCategoryId,
          description: input.description ?? '',
          riskTier: verdict.tier,
          onboardingDecisionId: verdict.decision.decisionId,
        })
        .returning(shopColumns)
        .executeTakeFirstOrThrow();
      await tx
        .insertInto('shopMembers')
        .values({ shopId: shop.id, userId: principal.userId, role: 'owner' })
        .execute();
      await recordOnboarding(tx, {
        shopId: shop.id,
        ownerUserId: principal.userId,
        identifiers: verdict.identifiers,
        now,
      });
      const { decision } = verdict;
      return {
        shop: {
          ...shop,
          onboarding: {
            outcome: verdict.outcome,
            reasons: decision.fired.map((f) => f.reason),
            caseId: decision.caseId,
          },
        },
      };
    });
  } catch (err) {
    translateWriteError(err, input.name);
  }
  if ('blocked' in result) throw result.blocked;
  return result.shop;
}

export async function getShop(db: Executor, shopId: number): Promise<Shop> {
  const shop = await db.selectFrom('shops').select(shopColumns).where('id', '=', shopId).executeTakeFirst();
  if (!shop) throw notFound('shop', shopId);
  return shop;
}

/**
 * How many products the shop may have listed or in review at once: the probation limit of its risk
 * tier (product rules §6, configuration key `deposits.probationListingLimits`), or null once out of probation.
 */
export async function probationLimitOf(
  db: Executor,
  shopId: number,
): Promise<{ limit: number; riskTier: RiskTier } | null> {
  const shop = await getShop(db, shopId);
  if (shop.state !== 'probation') return null;
  const { config } = await readCurrentConfig(db);
  const limit = probationListingLimit(shop, config.deposits.probationListingLimits);
  return limit === null ? null : { limit, riskTier: shop.riskTier };
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
  // A shop's API key acts for its own shop only, whatever route it came through (docs/api-keys.md).
  if (principal.apiKey && principal.apiKey.shopId !== shopId) throw notFound('shop', shopId);
  const member = await db
    .selectFrom('shopMembers')
    .select('role')
    .where('shopId', '=', shopId)
    .where('userId', '=', principal.userId)
    .executeTakeFirst();
  if (!member) throw notFound('shop', shopId);
  if (opts.ownerOnly && member.role !== 'owner') {
    throw new AppError('forbidden', 'Only the shop owner may do this', {}, { key: 'shop_owner_only' });
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
  const members = await db
    .selectFrom('shopMembers')
    .select(['userId', 'role'])
    .where('shopId', '=', shopId)
    .orderBy('userId')
    .execute();
  const accounts = await accountLogins(
    db,
    members.map((m) => m.userId),
  );
  return members.flatMap(({ userId, role }) => {
    const account = accounts.get(userId);
    return account ? [{ userId, ...account, role }] : [];
  });
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

/** Ops move a shop through its states (product rules §2); governance will call this too. */
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
    await transitionRow(tx, 'shops', {
      machine: shopTransitions,
      what: `shop ${shopId}`,
      key: { id: shopId },
      from: current.state,
      to: change.to,
      set: { updatedAt: clock.now() },
    });
    return getShop(tx, shopId);
  });
}

/** Names of many shops in one query (for lists such as live rooms). */
export async function shopNames(db: Executor, shopIds: readonly number[]): Promise<Map<number, string>> {
  if (shopIds.length === 0) return new Map();
  const rows = await db.selectFrom('shops').select(['id', 'name']).where('id', 'in', shopIds).execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}

/** Who is on the shop's staff now (owner and staff), with their role (chat routing skips anyone else). */
export async function shopMemberIds(db: Executor, shopId: number): Promise<Map<number, ShopRole>> {
  const rows = await db
    .selectFrom('shopMembers')
    .select(['userId', 'role'])
    .where('shopId', '=', shopId)
    .execute();
  return new Map(rows.map((r) => [r.userId, r.role]));
}
