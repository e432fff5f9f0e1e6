import { sql } from 'kysely';
import { type Executor, pgErrorCode } from '../../platform/db.ts';
import { invalidField } from '../../platform/errors.ts';
import type { Fen } from '../../platform/money.ts';
import type { AccountRef } from './account-ref.ts';
import { findEntryProblem } from './balanced-entry.rule.ts';
import { entryProblemError, idempotencyKeyReused, insufficientFunds } from './ledger.errors.ts';
import { type Cause, type LedgerEntry, loadEntries } from './ledger-read.service.ts';

export interface PostingInput {
  account: AccountRef;
  /** Signed fen: positive flows into the account, negative out of it. */
  amountFen: Fen;
}

export interface EntryInput {
  /** Unique per movement, e.g. `payment:<paymentId>`; a replay returns the first entry. */
  idempotencyKey: string;
  /** What kind of movement: `payment_capture`, `settlement`, `refund`, `fine`, ... */
  kind: string;
  /** The record that caused it, e.g. `{ type: 'order', id: 42 }`. */
  cause: Cause;
  memo?: string;
  /** When the movement happened (pass `ctx.clock.now()`); defaults to the database's transaction time. */
  at?: Date;
  postings: PostingInput[];
  /**
   * Which cached-balance bucket credits land in, instead of a random one. A transaction that posts
   * several entries passes the same value to each, so it locks one bucket per account: two such
   * transactions can then never lock the same buckets in opposite orders (a deadlock).
   */
  bucketHint?: number;
}

export interface PostedEntry extends LedgerEntry {
  /** True when the key had been posted before and this call wrote nothing. */
  replayed: boolean;
}

const NAME = /^[a-z][a-z0-9_]{0,63}$/;
// A debit from a bucketed non-negative account is planned from a snapshot; a concurrent debit of
// the same bucket can make the plan stale, so the statement fails whole and is planned again.
const PLAN_ATTEMPTS = 4;

export function checkInput(input: EntryInput): void {
  const key = input.idempotencyKey;
  if (typeof key !== 'string' || key.length < 1 || key.length > 200) {
    throw invalidField('idempotencyKey', 'must be 1 to 200 characters');
  }
  if (!NAME.test(input.kind)) throw invalidField('kind', 'must be snake_case, at most 64 characters');
  if (!NAME.test(input.cause.type))
    throw invalidField('cause.type', 'must be snake_case, at most 64 characters');
  if (!Number.isSafeInteger(input.cause.id) || input.cause.id < 1) {
    throw invalidField('cause.id', 'must be a positive integer id');
  }
  if (input.memo !== undefined && input.memo.length > 500)
    throw invalidField('memo', 'at most 500 characters');
  const problem = findEntryProblem(
    input.postings.map((p) => ({ accountCode: p.account.code, amountFen: p.amountFen })),
  );
  if (problem) throw entryProblemError(problem);
}

/**
 * Posts one balanced journal entry: creates the accounts on first use, appends the entry and its
 * postings and moves the cached balances in ONE statement (plus, only inside a caller's transaction
 * and only for debits of a bucketed non-negative account, a savepoint around it).
 * Fails whole with `insufficient_funds` when an account that must not go negative would;
 * a replay of the key returns the first entry; the key with other postings is `idempotency_key_reused`.
 * Inside a caller's transaction, let a refusal roll that transaction back: the money did not move.
 */
export async function postEntry(db: Executor, input: EntryInput): Promise<PostedEntry> {
  checkInput(input);
  const planned = input.postings.some((p) => bucketFor(p) === null);
  for (let attempt = 1; ; attempt++) {
    try {
      const row =
        planned && db.isTransaction
          ? await withSavepoint(db, () => insertEntry(db, input))
          : await insertEntry(db, input);
      if (row) {
        return {
          id: row.id,
          idempotencyKey: input.idempotencyKey,
          kind: input.kind,
          cause: { type: input.cause.type, id: input.cause.id },
          memo: input.memo ?? null,
          createdAt: row.createdAt,
          postings: input.postings
            .map((p) => ({ accountCode: p.account.code, amountFen: p.amountFen }))
            .sort((a, b) => (a.accountCode < b.accountCode ? -1 : 1)),
          replayed: false,
        };
      }
      return await replay(db, input);
    } catch (err) {
      const account = shortAccount(err);
      if (account === undefined) throw err;
      const replan = input.postings.some((p) => p.account.code === account && bucketFor(p) === null);
      if (!replan || attempt === PLAN_ATTEMPTS) throw insufficientFunds(account);
    }
  }
}

/** Bucket 0 for one-bucket accounts, a random one for credits, null when the statement must plan. */
export function bucketFor({ account, amountFen }: PostingInput, hint?: number): number | null {
  if (account.buckets === 1) return 0;
  if (amountFen > 0 || account.mayGoNegative) {
    return hint === undefined
      ? Math.floor(Math.random() * account.buckets)
      : Math.abs(hint) % account.buckets;
  }
  return null;
}

/** The account whose non-negative check failed, parsed from "Failing row contains (code, ...)". */
function shortAccount(err: unknown): string | undefined {
  if (pgErrorCode(err) !== '23514') return undefined;
  if ((err as { constraint?: string }).constraint !== 'ledger_balances_non_negative') return undefined;
  const detail = (err as { detail?: string }).detail ?? '';
  return /^Failing row contains \(([^,]+),/.exec(detail)?.[1] ?? 'unknown';
}

async function withSavepoint<T>(tx: Executor, run: () => Promise<T>): Promise<T> {
  await sql`savepoint ledger_post`.execute(tx);
  try {
    const result = await run();
    await sql`release savepoint ledger_post`.execute(tx);
    return result;
  } catch (err) {
    await sql`rollback to savepoint ledger_post`.execute(tx);
    throw err;
  }
}

export async function replay(db: Executor, input: EntryInput): Promise<PostedEntry> {
  const [first] = await loadEntries(db, { idempotencyKey: input.idempotencyKey });
  if (!first) throw new Error(`ledger entry ${input.idempotencyKey} conflicted but is not visible`);
  const wanted = input.postings.map((p) => `${p.account.code}=${p.amountFen}`).sort();
  const stored = first.postings.map((p) => `${p.accountCode}=${p.amountFen}`).sort();
  const same =
    first.kind === input.kind &&
    first.cause.type === input.cause.type &&
    first.cause.id === input.cause.id &&
    wanted.join() === stored.join();
  if (!same) throw idempotencyKeyReused(input.idempotencyKey, first.id);
  return { ...first, replayed: true };
}

/**
 * The posting statement. Returns the new entry, or nothing when the key exists (a replay: nothing
 * else is written either). Balance rows are upserted in (code, bucket) order, so two entries never
 * lock the same rows in opposite orders. The non-negative check is the ledger_balances constraint:
 * a shortfall fails the whole statement.
 */
async function insertEntry(
  db: Executor,
  input: EntryInput,
): Promise<{ id: number; createdAt: Date } | undefined> {
  const ps = input.postings;
  const result = await sql<{ id: number; createdAt: Date }>`
    with input as (
      select * from unnest(
        ${ps.map((p) => p.account.code)}::text[],
        ${ps.map((p) => p.amountFen)}::bigint[],
        ${ps.map((p) => p.account.type)}::text[],
        ${ps.map((p) => p.account.owner?.kind ?? null)}::text[],
        ${ps.map((p) => p.account.owner?.id ?? null)}::bigint[],
        ${ps.map((p) => p.account.mayGoNegative)}::boolean[],
        ${ps.map((p) => p.account.buckets)}::smallint[],
        ${ps.map((p) => bucketFor(p, input.bucketHint))}::smallint[]
      ) as i (code, amount_fen, type, owner_kind, owner_id, may_go_negative, balance_buckets, bucket)
    ),
    new_accounts as (
      insert into ledger_accounts (code, type, owner_kind, owner_id, may_go_negative, balance_buckets)
      select code, type, owner_kind, owner_id, may_go_negative, balance_buckets from input order by code
      on conflict (code) do nothing
    ),
    entry as (
      insert into ledger_entries (idempotency_key, kind, cause_type, cause_id, memo, created_at)
      values (
        ${input.idempotencyKey}, ${input.kind}, ${input.cause.type}, ${input.cause.id}, ${input.memo ?? null},
        coalesce(${input.at ?? null}::timestamptz, now())
      )
      on conflict (idempotency_key) do nothing
      returning id, created_at
    ),
    postings as (
      insert into ledger_postings (entry_id, account_code, amount_fen)
      select entry.id, input.code, input.amount_fen from entry cross join input
    ),
    -- Debits of a bucketed non-negative account: buckets that cover the whole debit first, in random
    -- order (so concurrent debits spread), then the richest; take from them until the debit is covered.
    candidates as (
      select i.code, b.bucket, b.balance_fen, -i.amount_fen as need,
        row_number() over (
          partition by i.code
          order by b.balance_fen >= -i.amount_fen desc,
            case when b.balance_fen >= -i.amount_fen then random() end,
            b.balance_fen desc
        ) as pick
      from input i join ledger_balances b on b.account_code = i.code and b.balance_fen > 0
      where i.bucket is null
    ),
    taken as (
      select code, bucket, least(balance_fen, need - taken_before) as take
      from (
        select *, coalesce(sum(balance_fen) over (
          partition by code order by pick rows between unbounded preceding and 1 preceding), 0) as taken_before
        from candidates
      ) c
      where taken_before < need
    ),
    -- what no bucket covers lands on bucket 0, where the constraint then refuses it
    shortfall as (
      select i.code, -i.amount_fen - coalesce((select sum(t.take) from taken t where t.code = i.code), 0) as missing
      from input i where i.bucket is null
    ),
    deltas as (
      select code, bucket, sum(delta) as delta, bool_or(may_go_negative) as may_go_negative
      from (
        select code, bucket, amount_fen as delta, may_go_negative from input where bucket is not null
        union all select code, bucket, -take, false from taken
        union all select code, 0, -missing, false from shortfall where missing > 0
      ) d
      group by code, bucket
    ),
    -- PostgreSQL checks constraints on the proposed row before it detects the conflict, so a debit
    -- of a row that exists proposes may_go_negative = true; the update keeps the row's own flag and
    -- checks the sum. A debit of a row that does not exist yet is refused by the proposed row itself.
    balances as (
      insert into ledger_balances (account_code, bucket, balance_fen, may_go_negative)
      select code, bucket, delta, may_go_negative or exists (
          select 1 from ledger_balances b where b.account_code = d.code and b.bucket = d.bucket)
      from deltas d
      where exists (select 1 from entry)
      order by code, bucket
      on conflict (account_code, bucket) do update set balance_fen = ledger_balances.balance_fen + excluded.balance_fen
    )
    select id, created_at from entry`.execute(db);
  return result.rows[0];
}
