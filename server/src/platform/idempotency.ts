import { sql } from 'kysely';
import type { Executor, Tx } from './db.ts';

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

export interface StoredResponse {
  userId: number;
  key: string;
  requestHash: string;
  /** 0 while the claiming transaction has not stored its answer (never seen after its commit). */
  statusCode: number;
  response: unknown;
}

/** The records of (user, key) pairs, by `idempotencyKeyOf`: one statement for a batch of replays. */
export async function storedResponses(
  db: Executor,
  rows: readonly { userId: number; key: string }[],
): Promise<Map<string, StoredResponse>> {
  if (rows.length === 0) return new Map();
  const result = await sql<StoredResponse>`
    select k.user_id, k.key, k.request_hash, k.status_code, k.response
    from idempotency_keys k
    join unnest(${rows.map((r) => r.userId)}::bigint[], ${rows.map((r) => r.key)}::text[]) as v(u, k)
      on k.user_id = v.u and k.key = v.k`.execute(db);
  return new Map(result.rows.map((r) => [idempotencyKeyOf(r.userId, r.key), r]));
}
