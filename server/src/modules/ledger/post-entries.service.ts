import { sql } from 'kysely';
import type { Tx } from '../../platform/db.ts';
import { bucketFor, checkInput, type EntryInput, postEntry, replay } from './post-entry.service.ts';

/**
 * Posts many balanced entries in ONE statement, inside the caller's transaction: the hot path of
 * batched use cases (a batch of payment captures), where one statement per entry would cost a plan
 * and a round trip each. Same rules as `postEntry`: each entry is checked, keys already posted are
 * replays (verified to carry the same postings), balances move in (code, bucket) order. Entries that
 * debit a bucketed non-negative account need a plan per entry and go through `postEntry` one by one.
 * All credits of the batch land in the bucket chosen by `bucketHint` (one per call), so concurrent
 * batches never lock buckets in opposite orders.
 */
export async function postEntries(tx: Tx, inputs: readonly EntryInput[], bucketHint: number): Promise<void> {
  const simple: EntryInput[] = [];
  for (const input of inputs) {
    checkInput(input);
    if (input.postings.some((p) => bucketFor(p, bucketHint) === null))
      await postEntry(tx, { ...input, bucketHint });
    else simple.push(input);
  }
  if (simple.length === 0) return;

  const rows = simple.flatMap((input, e) => input.postings.map((p) => ({ e, p })));
  const inserted = await sql<{ idempotencyKey: string }>`
    with input as (
      select * from unnest(
        ${rows.map((r) => r.e)}::int[],
        ${rows.map((r) => r.p.account.code)}::text[],
        ${rows.map((r) => r.p.amountFen)}::bigint[],
        ${rows.map((r) => r.p.account.type)}::text[],
        ${rows.map((r) => r.p.account.owner?.kind ?? null)}::text[],
        ${rows.map((r) => r.p.account.owner?.id ?? null)}::bigint[],
        ${rows.map((r) => r.p.account.mayGoNegative)}::boolean[],
        ${rows.map((r) => r.p.account.buckets)}::smallint[],
        ${rows.map((r) => bucketFor(r.p, bucketHint))}::smallint[]
      ) as i (e, code, amount_fen, type, owner_kind, owner_id, may_go_negative, balance_buckets, bucket)
    ),
    entries_in as (
      select * from unnest(
        ${simple.map((_, e) => e)}::int[],
        ${simple.map((i) => i.idempotencyKey)}::text[],
        ${simple.map((i) => i.kind)}::text[],
        ${simple.map((i) => i.cause.type)}::text[],
        ${simple.map((i) => i.cause.id)}::bigint[],
        ${simple.map((i) => i.memo ?? null)}::text[],
        ${simple.map((i) => i.at ?? null)}::timestamptz[]
      ) as x (e, idempotency_key, kind, cause_type, cause_id, memo, at)
    ),
    new_accounts as (
      insert into ledger_accounts (code, type, owner_kind, owner_id, may_go_negative, balance_buckets)
      select distinct on (code) code, type, owner_kind, owner_id, may_go_negative, balance_buckets
      from input order by code
      on conflict (code) do nothing
    ),
    entry as (
      insert into ledger_entries (idempotency_key, kind, cause_type, cause_id, memo, created_at)
      select idempotency_key, kind, cause_type, cause_id, memo, coalesce(at, now()) from entries_in order by e
      on conflict (idempotency_key) do nothing
      returning id, idempotency_key
    ),
    posted as (
      select entry.id, i.code, i.amount_fen, i.bucket, i.may_go_negative
      from entry
      join entries_in x on x.idempotency_key = entry.idempotency_key
      join input i on i.e = x.e
    ),
    postings as (
      insert into ledger_postings (entry_id, account_code, amount_fen) select id, code, amount_fen from posted
    ),
    deltas as (
      select code, bucket, sum(amount_fen) as delta, bool_or(may_go_negative) as may_go_negative
      from posted group by code, bucket
    ),
    balances as (
      insert into ledger_balances (account_code, bucket, balance_fen, may_go_negative)
      select code, bucket, delta, may_go_negative or exists (
          select 1 from ledger_balances b where b.account_code = d.code and b.bucket = d.bucket)
      from deltas d
      order by code, bucket
      on conflict (account_code, bucket) do update set balance_fen = ledger_balances.balance_fen + excluded.balance_fen
    )
    select idempotency_key from entry`.execute(tx);
  const fresh = new Set(inserted.rows.map((r) => r.idempotencyKey));
  // Keys posted before: the same movement again must carry the same postings.
  for (const input of simple) if (!fresh.has(input.idempotencyKey)) await replay(tx, input);
}
