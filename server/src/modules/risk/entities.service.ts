import { createHash } from 'node:crypto';
import type { Executor } from '../../platform/db.ts';
import type { EntityType, LinkType } from './checkpoints.ts';
import { isLinkType, LINK_TYPES } from './checkpoints.ts';

export type Identifiers = Partial<Record<LinkType, string>>;

/**
 * Personal identifiers (phone, ID number, device, payout account, address) are stored only as hashes:
 * links and the blacklist compare hashes, nobody reads a phone number back from the trust tables.
 * Spacing, dashes and case do not make a different identifier.
 */
export function identifierHash(type: LinkType, value: string): string {
  const normalised =
    type === 'address'
      ? value.trim().toLowerCase().replace(/\s+/g, ' ')
      : value
          .trim()
          .toLowerCase()
          .replace(/[\s\-_.()]/g, '');
  return createHash('sha256').update(`${type}:${normalised}`).digest('hex');
}

/** How an entity is keyed in the counters: identifiers hashed, ids (buyer, shop, sku) as they are. */
export function entityKey(type: EntityType, value: string): string {
  return isLinkType(type) ? identifierHash(type, value) : value;
}

/** The identifiers given, hashed, by type. */
export function hashedIdentifiers(entities: Partial<Record<EntityType, string>>): [LinkType, string][] {
  const out: [LinkType, string][] = [];
  for (const type of LINK_TYPES) {
    const value = entities[type];
    if (value !== undefined && value.trim() !== '') out.push([type, identifierHash(type, value)]);
  }
  return out;
}

/**
 * Records that a user or shop uses these identifiers (onboarding, checkout with a device, a payout
 * account added). Repeated links are kept once.
 */
export async function linkEntities(
  db: Executor,
  input: { userId?: number; shopId?: number; entities: Identifiers; now: Date },
): Promise<void> {
  if (input.userId === undefined && input.shopId === undefined)
    throw new Error('linkEntities needs a userId or a shopId');
  const rows = hashedIdentifiers(input.entities).map(([entityType, valueHash]) => ({
    entityType,
    valueHash,
    userId: input.userId ?? null,
    shopId: input.shopId ?? null,
    firstSeen: input.now,
  }));
  if (rows.length === 0) return;
  await db
    .insertInto('trustEntities')
    .values(rows)
    .onConflict((oc) => oc.doNothing())
    .execute();
}

/**
 * `linkEntities` for many users at once, one statement (a checkout batch links each buyer to the
 * delivery phone and address of their order). Repeated links are kept once.
 */
export async function linkUsersEntities(
  db: Executor,
  links: readonly { userId: number; entities: Identifiers }[],
  now: Date,
): Promise<void> {
  const seen = new Set<string>();
  const rows = links.flatMap(({ userId, entities }) =>
    hashedIdentifiers(entities)
      .filter(([type, hash]) => {
        const k = `${userId}:${type}:${hash}`;
        if (seen.has(k)) return false;
        seen.add(k);
        return true;
      })
      .map(([entityType, valueHash]) => ({ entityType, valueHash, userId, shopId: null, firstSeen: now })),
  );
  if (rows.length === 0) return;
  // One order for every writer: concurrent batches wait on each other's new rows, never deadlock.
  rows.sort(
    (a, b) =>
      a.entityType.localeCompare(b.entityType) ||
      a.valueHash.localeCompare(b.valueHash) ||
      a.userId - b.userId,
  );
  await db
    .insertInto('trustEntities')
    .values(rows)
    .onConflict((oc) => oc.doNothing())
    .execute();
}

/** Which of these identifiers are blacklisted. */
export async function blacklistedTypes(db: Executor, entities: Identifiers): Promise<Set<LinkType>> {
  const hashed = hashedIdentifiers(entities);
  if (hashed.length === 0) return new Set();
  const rows = await db
    .selectFrom('trustBlacklist')
    .select('entityType')
    .where((eb) =>
      eb.or(hashed.map(([type, hash]) => eb.and([eb('entityType', '=', type), eb('valueHash', '=', hash)]))),
    )
    .execute();
  return new Set(rows.map((r) => r.entityType as LinkType));
}

/** True when any of the identifiers is on the blacklist. */
export async function isBlacklisted(db: Executor, entities: Identifiers): Promise<boolean> {
  return (await blacklistedTypes(db, entities)).size > 0;
}

/**
 * Puts identifiers on the blacklist. With `userId` or `shopId`, every identifier ever linked to that
 * user or shop goes on it too: the same person coming back with any of them is caught.
 */
export async function blacklist(
  db: Executor,
  input: {
    entities?: Identifiers;
    userId?: number;
    shopId?: number;
    reason: string;
    addedBy: number | null;
    now: Date;
  },
): Promise<{ added: number }> {
  const hashes = new Map<string, [LinkType, string]>();
  for (const [type, hash] of hashedIdentifiers(input.entities ?? {}))
    hashes.set(`${type}:${hash}`, [type, hash]);
  if (input.userId !== undefined || input.shopId !== undefined) {
    const linked = await db
      .selectFrom('trustEntities')
      .select(['entityType', 'valueHash'])
      .where((eb) =>
        eb.or([
          ...(input.userId !== undefined ? [eb('userId', '=', input.userId)] : []),
          ...(input.shopId !== undefined ? [eb('shopId', '=', input.shopId)] : []),
        ]),
      )
      .execute();
    for (const row of linked)
      hashes.set(`${row.entityType}:${row.valueHash}`, [row.entityType as LinkType, row.valueHash]);
  }
  if (hashes.size === 0) return { added: 0 };
  const result = await db
    .insertInto('trustBlacklist')
    .values(
      [...hashes.values()].map(([entityType, valueHash]) => ({
        entityType,
        valueHash,
        reason: input.reason,
        addedBy: input.addedBy,
        at: input.now,
      })),
    )
    .onConflict((oc) => oc.columns(['entityType', 'valueHash']).doNothing())
    .executeTakeFirst();
  return { added: Number(result.numInsertedOrUpdatedRows ?? 0) };
}

/** Users and shops sharing an identifier with the given ones (re-registration checks, review bursts). */
export async function linkedAccounts(
  db: Executor,
  entities: Identifiers,
): Promise<{ userIds: number[]; shopIds: number[] }> {
  const hashed = hashedIdentifiers(entities);
  if (hashed.length === 0) return { userIds: [], shopIds: [] };
  const rows = await db
    .selectFrom('trustEntities')
    .select(['userId', 'shopId'])
    .where((eb) =>
      eb.or(hashed.map(([type, hash]) => eb.and([eb('entityType', '=', type), eb('valueHash', '=', hash)]))),
    )
    .execute();
  const userIds = [...new Set(rows.flatMap((r) => (r.userId === null ? [] : [r.userId])))];
  const shopIds = [...new Set(rows.flatMap((r) => (r.shopId === null ? [] : [r.shopId])))];
  return { userIds, shopIds };
}
