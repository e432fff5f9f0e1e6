import type { Principal } from '../../platform/access.ts';
import type { Clock } from '../../platform/clock.ts';
import type { Executor } from '../../platform/db.ts';
import { AppError } from '../../platform/errors.ts';
import { displayNames, getAccount } from '../identity/index.ts';
import { getShop, listShopsOf, requireShopMember, shopNames } from '../shops/index.ts';
import { followSelf, targetNotFound } from './audience.errors.ts';
import type { FollowTargetKind } from './audience.tables.ts';

export interface Audience {
  followerCount: number;
  /** Whether the caller follows the target (false when signed out). */
  following: boolean;
}

export interface FollowedTarget {
  kind: FollowTargetKind;
  id: number;
  name: string;
  followedAt: Date;
}

export interface Follower {
  userId: number;
  displayName: string;
  followedAt: Date;
}

export interface Page<T> {
  items: T[];
  total: number;
  limit: number;
  offset: number;
}

/** A shop exists; a host is an account that hosts rooms (creator or merchant). Yourself is refused. */
async function assertFollowable(
  db: Executor,
  principal: Principal,
  kind: FollowTargetKind,
  id: number,
): Promise<void> {
  if (kind === 'shop') {
    await getShop(db, id);
    const own =
      principal.kind === 'merchant' && (await listShopsOf(db, principal.userId)).some((s) => s.id === id);
    if (own) throw followSelf('shop');
    return;
  }
  if (id === principal.userId) throw followSelf('host');
  try {
    const account = await getAccount(db, id);
    if (account.kind !== 'creator' && account.kind !== 'merchant') throw targetNotFound('host', id);
  } catch (err) {
    if (err instanceof AppError && err.code === 'not_found') throw targetNotFound('host', id);
    throw err;
  }
}

/** Counts followers of many targets of one kind at once (0 for none). */
export async function followerCounts(
  db: Executor,
  kind: FollowTargetKind,
  ids: readonly number[],
): Promise<Map<number, number>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom('follows')
    .select(['targetId', (eb) => eb.fn.countAll<string>().as('n')])
    .where('targetKind', '=', kind)
    .where('targetId', 'in', [...ids])
    .groupBy('targetId')
    .execute();
  const counts = new Map(ids.map((id) => [id, 0]));
  for (const row of rows) counts.set(row.targetId, Number(row.n));
  return counts;
}

/** Follower count of one shop or host, and whether `userId` follows it. */
export async function audienceOf(
  db: Executor,
  kind: FollowTargetKind,
  id: number,
  userId: number | null,
): Promise<Audience> {
  if (kind === 'shop') await getShop(db, id);
  else {
    const names = await displayNames(db, [id]);
    if (!names.has(id)) throw targetNotFound('host', id);
  }
  const [counts, mine] = await Promise.all([
    followerCounts(db, kind, [id]),
    userId === null
      ? undefined
      : db
          .selectFrom('follows')
          .select('targetId')
          .where('followerId', '=', userId)
          .where('targetKind', '=', kind)
          .where('targetId', '=', id)
          .executeTakeFirst(),
  ]);
  return { followerCount: counts.get(id) ?? 0, following: mine !== undefined };
}

/** Follows a shop or host; following again changes nothing (the first follow time stays). */
export async function follow(
  db: Executor,
  clock: Clock,
  principal: Principal,
  kind: FollowTargetKind,
  id: number,
): Promise<Audience> {
  await assertFollowable(db, principal, kind, id);
  await db
    .insertInto('follows')
    .values({ followerId: principal.userId, targetKind: kind, targetId: id, createdAt: clock.now() })
    .onConflict((oc) => oc.doNothing())
    .execute();
  return audienceOf(db, kind, id, principal.userId);
}

/** Stops following; unfollowing what one does not follow is not an error. */
export async function unfollow(
  db: Executor,
  principal: Principal,
  kind: FollowTargetKind,
  id: number,
): Promise<Audience> {
  await db
    .deleteFrom('follows')
    .where('followerId', '=', principal.userId)
    .where('targetKind', '=', kind)
    .where('targetId', '=', id)
    .execute();
  return audienceOf(db, kind, id, principal.userId);
}

/** What a user follows, newest first, with names. */
export async function listFollowing(
  db: Executor,
  userId: number,
  query: { kind?: FollowTargetKind | undefined; limit: number; offset: number },
): Promise<Page<FollowedTarget>> {
  let base = db.selectFrom('follows').where('followerId', '=', userId);
  if (query.kind) base = base.where('targetKind', '=', query.kind);
  const [rows, total] = await Promise.all([
    base
      .select(['targetKind', 'targetId', 'createdAt'])
      .orderBy('createdAt', 'desc')
      .orderBy('targetId', 'desc')
      .limit(query.limit)
      .offset(query.offset)
      .execute(),
    base.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
  ]);
  const shopIds = rows.filter((r) => r.targetKind === 'shop').map((r) => r.targetId);
  const hostIds = rows.filter((r) => r.targetKind === 'host').map((r) => r.targetId);
  const [shops, hosts] = await Promise.all([shopNames(db, shopIds), displayNames(db, hostIds)]);
  return {
    items: rows.map((r) => ({
      kind: r.targetKind,
      id: r.targetId,
      name: (r.targetKind === 'shop' ? shops.get(r.targetId) : hosts.get(r.targetId)) ?? '',
      followedAt: r.createdAt,
    })),
    total: Number(total.n),
    limit: query.limit,
    offset: query.offset,
  };
}

/** The ids of every shop and host `userId` follows (the live module's "following, live now"). */
export async function followedTargets(
  db: Executor,
  userId: number,
): Promise<{ shopIds: number[]; hostIds: number[] }> {
  const rows = await db
    .selectFrom('follows')
    .select(['targetKind', 'targetId'])
    .where('followerId', '=', userId)
    .execute();
  return {
    shopIds: rows.filter((r) => r.targetKind === 'shop').map((r) => r.targetId),
    hostIds: rows.filter((r) => r.targetKind === 'host').map((r) => r.targetId),
  };
}

/** A shop's followers for its staff, newest first. */
export async function listShopFollowers(
  db: Executor,
  principal: Principal,
  shopId: number,
  query: { limit: number; offset: number },
): Promise<Page<Follower>> {
  await requireShopMember(db, principal, shopId);
  const base = db.selectFrom('follows').where('targetKind', '=', 'shop').where('targetId', '=', shopId);
  const [rows, total] = await Promise.all([
    base
      .select(['followerId', 'createdAt'])
      .orderBy('createdAt', 'desc')
      .orderBy('followerId', 'desc')
      .limit(query.limit)
      .offset(query.offset)
      .execute(),
    base.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
  ]);
  const names = await displayNames(
    db,
    rows.map((r) => r.followerId),
  );
  return {
    items: rows.map((r) => ({
      userId: r.followerId,
      displayName: names.get(r.followerId) ?? '',
      followedAt: r.createdAt,
    })),
    total: Number(total.n),
    limit: query.limit,
    offset: query.offset,
  };
}

/** Followers of a host or a shop, each once (a follower of both counts once). */
export function followersOfQuery(db: Executor, hostUserId: number, shopId: number | null) {
  return db
    .selectFrom('follows')
    .select('followerId')
    .distinct()
    .where((eb) =>
      eb.or([
        eb.and([eb('targetKind', '=', 'host'), eb('targetId', '=', hostUserId)]),
        ...(shopId === null ? [] : [eb.and([eb('targetKind', '=', 'shop'), eb('targetId', '=', shopId)])]),
      ]),
    )
    .where('followerId', '<>', hostUserId);
}
