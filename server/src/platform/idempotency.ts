import { sql } from 'kysely';
import type { Tx } from './db.ts';

// Idempotency-Key support for money-moving POSTs: the first answer is stored under (user, key) in
// the same transaction as the effect, so a replay finds either nothing (the first is still running or
// failed whole) or exactly the committed answer. Set-based, for batched use cases.

export const idempotencyKeyOf = (userId: number, key: string) => `${userId}:${key}`;

/**
 * Claims (user, key) pairs; returns those that were new (as `idempotencyKeyOf`). A pair claimed by a
 * transaction still running waits for it to end.
 */
export async function claimKeys(
  tx: Tx,
  rows: { userId: number; key: string; hash: string }[],
): Promise<Set<string>> {
  if (rows.length === 0) return new Set();
  const result = await sql<{ userId: number; key: string }>`
    insert into idempotency_keys (user_id, key, request_hash, status_code, response)
    select u, k, h, 0, 'null'::jsonb
    from unnest(${rows.map((r) => r.userId)}::bigint[], ${rows.map((r) => r.key)}::text[], ${rows.map((r) => r.hash)}::text[]) as v(u, k, h)
    on conflict do nothing
    returning user_id, key`.execute(tx);
  return new Set(result.rows.map((r) => `${r.userId}:${r.key}`));
}

export async function storeResponses(
  tx: Tx,
  rows: { userId: number; key: string; status: number; body: unknown }[],
): Promise<void> {
  if (rows.length === 0) return;
  await sql`
    update idempotency_keys k set status_code = v.s, response = v.b::jsonb
    from unnest(${rows.map((r) => r.userId)}::bigint[], ${rows.map((r) => r.key)}::text[],
                ${rows.map((r) => r.status)}::int[], ${rows.map((r) => JSON.stringify(r.body))}::text[]) as v(u, k, s, b)
    where k.user_id = v.u and k.key = v.k`.execute(tx);
}
