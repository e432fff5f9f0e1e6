import { sql } from 'kysely';
import type { ApiKeyScope, Principal } from '../../platform/access.ts';
import type { Clock } from '../../platform/clock.ts';
import type { Db, Executor } from '../../platform/db.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { notify } from '../../platform/pubsub.ts';
import { transitionRow } from '../../platform/state-machine.ts';
import { accountIsActive } from '../identity/index.ts';
import { isShopOwner, requireShopMember } from '../shops/index.ts';
import { apiKeyTransitions } from './api-key.machine.ts';
import {
  hashApiKeyToken,
  hasKeyForm,
  MAX_ACTIVE_KEYS_PER_SHOP,
  newApiKeyToken,
  parseName,
  parseScopes,
} from './api-key.rule.ts';
import type { ApiKeyState } from './api-keys.tables.ts';

/** Channel on which revoking a key announces its id to every process (their caches forget it at once). */
export const API_KEY_REVOKED_CHANNEL = 'xinren_api_key_revoked';

export interface ApiKey {
  id: number;
  shopId: number;
  name: string;
  scopes: ApiKeyScope[];
  prefix: string;
  state: ApiKeyState;
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
  rateLimitPerMinute: number;
}

const columns = [
  'id',
  'shopId',
  'name',
  'scopes',
  'prefix',
  'state',
  'createdAt',
  'lastUsedAt',
  'revokedAt',
  'rateLimitPerMinute',
] as const;

/** The shop's keys, newest first (owner only: a key is a power over the shop). */
export async function listApiKeys(db: Executor, principal: Principal, shopId: number): Promise<ApiKey[]> {
  await requireShopMember(db, principal, shopId, { ownerOnly: true });
  return db
    .selectFrom('apiKeys')
    .select(columns)
    .where('shopId', '=', shopId)
    .orderBy('id', 'desc')
    .execute();
}

/** Makes a key; its token is in this answer only (the table keeps its SHA-256). */
export async function createApiKey(
  db: Db,
  principal: Principal,
  shopId: number,
  input: { name: string; scopes: readonly string[] },
  clock: Clock,
): Promise<{ key: ApiKey; token: string }> {
  const name = parseName(input.name);
  const scopes = parseScopes(input.scopes);
  await requireShopMember(db, principal, shopId, { ownerOnly: true });
  const { token, hash, prefix } = newApiKeyToken();
  const key = await db.transaction().execute(async (tx) => {
    // one creation at a time per shop, so the cap holds under concurrent requests
    await sql`select pg_advisory_xact_lock(hashtext('api_keys'), ${shopId}::int)`.execute(tx);
    const { n } = await tx
      .selectFrom('apiKeys')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('shopId', '=', shopId)
      .where('state', '=', 'active')
      .executeTakeFirstOrThrow();
    if (Number(n) >= MAX_ACTIVE_KEYS_PER_SHOP) {
      throw new AppError(
        'conflict',
        `a shop has at most ${MAX_ACTIVE_KEYS_PER_SHOP} active API keys; revoke one first`,
        { max: MAX_ACTIVE_KEYS_PER_SHOP },
        { key: 'api_key_limit_reached', params: { max: MAX_ACTIVE_KEYS_PER_SHOP } },
      );
    }
    return tx
      .insertInto('apiKeys')
      .values({
        shopId,
        name,
        scopes,
        tokenHash: hash,
        prefix,
        createdBy: principal.userId,
        createdAt: clock.now(),
      })
      .returning(columns)
      .executeTakeFirstOrThrow();
  });
  return { key, token };
}

/**
 * Revokes a key for good: from the commit on, no process accepts it (API_KEY_REVOKED_CHANNEL).
 * Revoking a revoked key answers it as it is.
 */
export async function revokeApiKey(
  db: Db,
  principal: Principal,
  shopId: number,
  keyId: number,
  clock: Clock,
): Promise<ApiKey> {
  await requireShopMember(db, principal, shopId, { ownerOnly: true });
  return db.transaction().execute(async (tx) => {
    const current = await tx
      .selectFrom('apiKeys')
      .select(columns)
      .where('id', '=', keyId)
      .where('shopId', '=', shopId)
      .forUpdate()
      .executeTakeFirst();
    if (!current) throw notFound('API key', keyId);
    if (current.state === 'revoked') return current;
    const row = await transitionRow(tx, 'apiKeys', {
      machine: apiKeyTransitions,
      what: `API key ${keyId}`,
      key: { id: keyId },
      from: 'active',
      to: 'revoked',
      set: { revokedAt: clock.now(), revokedBy: principal.userId },
    });
    await notify(tx, API_KEY_REVOKED_CHANNEL, String(keyId));
    return pick(row);
  });
}

const pick = (row: ApiKey): ApiKey =>
  Object.fromEntries(columns.map((c) => [c, row[c]])) as unknown as ApiKey;

/** What a request with a key acts as: the key's grant, its maker, its limit. */
export interface ResolvedKey {
  keyId: number;
  shopId: number;
  scopes: ApiKeyScope[];
  userId: number;
  tokenHash: Buffer;
  rateLimitPerMinute: number;
  lastUsedAt: Date | null;
}

/**
 * The active key a token is, when its maker is still an active account and the owner of its shop;
 * null otherwise (unknown, revoked, or the owner left or was disabled).
 */
export async function findActiveKey(db: Executor, token: string): Promise<ResolvedKey | null> {
  if (!hasKeyForm(token)) return null;
  const tokenHash = hashApiKeyToken(token);
  const row = await db
    .selectFrom('apiKeys as k')
    .select(['k.id', 'k.shopId', 'k.scopes', 'k.createdBy', 'k.rateLimitPerMinute', 'k.lastUsedAt'])
    .where('k.tokenHash', '=', tokenHash)
    .where('k.state', '=', 'active')
    .where((eb) =>
      eb.and([
        accountIsActive(eb.ref('k.createdBy'), 'merchant'),
        isShopOwner(eb.ref('k.shopId'), eb.ref('k.createdBy')),
      ]),
    )
    .executeTakeFirst();
  if (!row) return null;
  return {
    keyId: row.id,
    shopId: row.shopId,
    scopes: row.scopes,
    userId: row.createdBy,
    tokenHash,
    rateLimitPerMinute: row.rateLimitPerMinute,
    lastUsedAt: row.lastUsedAt,
  };
}

/**
 * Notes a use of the key at `now`, unless one was noted less than a minute ago (by any process): the
 * row is written at most once a minute, not on every request. Returns whether it wrote.
 */
export async function noteKeyUse(db: Executor, keyId: number, now: Date): Promise<boolean> {
  const minuteAgo = new Date(now.getTime() - 60_000);
  const result = await db
    .updateTable('apiKeys')
    .set({ lastUsedAt: now })
    .where('id', '=', keyId)
    .where((eb) => eb.or([eb('lastUsedAt', 'is', null), eb('lastUsedAt', '<=', minuteAgo)]))
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}
