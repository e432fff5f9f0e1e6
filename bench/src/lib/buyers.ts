import { createHash, randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import type { Db } from '../../../server/src/platform/db.ts';

/**
 * `count` buyer accounts (logins `<prefix><i>`, no usable password) with a bearer token each, written
 * straight into the database: a benchmark's crowd, without paying for `count` argon2 logins.
 */
export async function buyersWithTokens(
  db: Db,
  count: number,
  names: { login: string; display: string } = { login: 'bench-b', display: 'b' },
): Promise<{ ids: number[]; tokens: string[] }> {
  const ids = (
    await db
      .insertInto('users')
      .values(
        Array.from({ length: count }, (_, i) => ({
          kind: 'buyer' as const,
          login: `${names.login}${i}`,
          displayName: `${names.display}${i}`,
          phone: null,
          passwordHash: 'bench-no-login',
        })),
      )
      .returning('id')
      .execute()
  ).map((u) => u.id);
  // A checkout goes to an address (product rules §9): each buyer has a default one, each its own street.
  await sql`
    insert into buyer_addresses (buyer_id, recipient, phone, region_code, detail, is_default)
    select id, '压测买家', '1380000' || lpad((n % 10000)::text, 4, '0'), '330106', '文三路 ' || n || ' 号', true
    from unnest(${ids}::bigint[]) with ordinality as v(id, n)`.execute(db);
  return { ids, tokens: await tokensFor(db, ids) };
}

/** A bearer token for each of `userIds`, written straight into the database (a day's validity). */
export async function tokensFor(db: Db, userIds: number[]): Promise<string[]> {
  const tokens = userIds.map(() => `xr_${randomBytes(32).toString('base64url')}`);
  await db
    .insertInto('authTokens')
    .values(
      userIds.map((userId, i) => ({
        userId,
        tokenHash: createHash('sha256').update(tokens[i]!).digest(),
        expiresAt: new Date(Date.now() + 86_400_000),
        revokedAt: null,
      })),
    )
    .execute();
  return tokens;
}
