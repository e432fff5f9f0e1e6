import { sql } from 'kysely';
import { type Executor, pgErrorCode } from '../../platform/db.ts';
import { AppError } from '../../platform/errors.ts';
import { insufficientCredits } from './growth.errors.ts';
import type { CreditEntryKind } from './growth.tables.ts';

// Exposure credits (product rules §7.5) are not money: they have their own double-entry journal,
// shaped like the ledger. `issued` runs negative by what the platform granted, `spent` grows by what
// shops used on boosts, `shop:<id>` is a shop's balance and never goes negative.
export const ISSUED = 'issued';
export const SPENT = 'spent';
export const shopAccount = (shopId: number) => `shop:${shopId}`;

export interface CreditPosting {
  account: string;
  amount: number;
}

export interface CreditEntryInput {
  /** Unique per movement; a replay writes nothing and returns the first entry's id. */
  idempotencyKey: string;
  kind: CreditEntryKind;
  cause: { type: string; id: number };
  memo?: string;
  at: Date;
  postings: CreditPosting[];
}

const SHOP = /^shop:([1-9][0-9]{0,15})$/;

function accountRow(code: string) {
  const shop = SHOP.exec(code);
  if (shop) return { code, shopId: Number(shop[1]), mayGoNegative: false };
  if (code === ISSUED || code === SPENT) return { code, shopId: null, mayGoNegative: true };
  throw new Error(`unknown exposure-credit account ${code}`);
}

/**
 * Posts one balanced entry: accounts created on first use, entry + postings appended, balances moved
 * in (code) order so two entries never lock rows in opposite orders. A shop balance that would go
 * negative fails the whole entry with 409 insufficient_credits. Returns the entry id and whether it
 * was a replay of its key. Call inside a transaction.
 */
export async function postCredits(
  tx: Executor,
  input: CreditEntryInput,
): Promise<{ entryId: number; replayed: boolean }> {
  const sum = input.postings.reduce((s, p) => s + p.amount, 0);
  if (
    input.postings.length < 2 ||
    sum !== 0 ||
    input.postings.some((p) => !Number.isSafeInteger(p.amount) || p.amount === 0)
  ) {
    throw new AppError('unbalanced_entry', `exposure-credit entry ${input.idempotencyKey} does not balance`);
  }
  const inserted = await tx
    .insertInto('growthCreditEntries')
    .values({
      idempotencyKey: input.idempotencyKey,
      kind: input.kind,
      causeType: input.cause.type,
      causeId: input.cause.id,
      memo: input.memo ?? '',
      createdAt: input.at,
    })
    .onConflict((oc) => oc.column('idempotencyKey').doNothing())
    .returning('id')
    .executeTakeFirst();
  if (!inserted) {
    const first = await tx
      .selectFrom('growthCreditEntries')
      .select('id')
      .where('idempotencyKey', '=', input.idempotencyKey)
      .executeTakeFirstOrThrow();
    return { entryId: first.id, replayed: true };
  }
  const postings = [...input.postings].sort((a, b) => (a.account < b.account ? -1 : 1));
  await tx
    .insertInto('growthCreditAccounts')
    .values(postings.map((p) => accountRow(p.account)))
    .onConflict((oc) => oc.column('code').doNothing())
    .execute();
  await tx
    .insertInto('growthCreditPostings')
    .values(postings.map((p) => ({ entryId: inserted.id, accountCode: p.account, amount: p.amount })))
    .execute();
  for (const p of postings) {
    try {
      await sql`savepoint growth_credit`.execute(tx);
      await tx
        .updateTable('growthCreditAccounts')
        .set((eb) => ({ balance: eb('balance', '+', p.amount) }))
        .where('code', '=', p.account)
        .execute();
      await sql`release savepoint growth_credit`.execute(tx);
    } catch (err) {
      await sql`rollback to savepoint growth_credit`.execute(tx);
      if (pgErrorCode(err) === '23514') {
        const balance = await creditBalanceOfAccount(tx, p.account);
        throw insufficientCredits(balance, -p.amount);
      }
      throw err;
    }
  }
  return { entryId: inserted.id, replayed: false };
}

async function creditBalanceOfAccount(db: Executor, code: string): Promise<number> {
  const row = await db
    .selectFrom('growthCreditAccounts')
    .select('balance')
    .where('code', '=', code)
    .executeTakeFirst();
  return row?.balance ?? 0;
}

/** A shop's exposure-credit balance (0 before its first grant). */
export const creditBalance = (db: Executor, shopId: number) =>
  creditBalanceOfAccount(db, shopAccount(shopId));

/**
 * Locks a shop's credit account row (creating it at 0 if need be) for the rest of the transaction: every
 * spend of the shop takes this lock first, so checks made under it (one boost per target) hold.
 */
export async function lockShopCredits(tx: Executor, shopId: number): Promise<number> {
  await tx
    .insertInto('growthCreditAccounts')
    .values(accountRow(shopAccount(shopId)))
    .onConflict((oc) => oc.column('code').doNothing())
    .execute();
  const row = await tx
    .selectFrom('growthCreditAccounts')
    .select('balance')
    .where('code', '=', shopAccount(shopId))
    .forUpdate()
    .executeTakeFirstOrThrow();
  return row.balance;
}

export interface CreditJournalLine {
  entryId: number;
  kind: CreditEntryKind;
  cause: { type: string; id: number };
  memo: string;
  /** Signed: positive credits in, negative out. */
  amount: number;
  balanceAfter: number;
  at: Date;
}

/** A shop's credit journal, newest first, with the running balance after each line. */
export async function creditJournal(db: Executor, shopId: number, limit = 50): Promise<CreditJournalLine[]> {
  const rows = await sql<{
    entryId: number;
    kind: CreditEntryKind;
    causeType: string;
    causeId: number;
    memo: string;
    amount: number;
    balanceAfter: number;
    at: Date;
  }>`
    select e.id as entry_id, e.kind, e.cause_type, e.cause_id, e.memo, p.amount,
      sum(p.amount) over (order by e.id) as balance_after, e.created_at as at
    from growth_credit_postings p join growth_credit_entries e on e.id = p.entry_id
    where p.account_code = ${shopAccount(shopId)}
    order by e.id desc limit ${limit}`.execute(db);
  return rows.rows.map((r) => ({
    entryId: r.entryId,
    kind: r.kind,
    cause: { type: r.causeType, id: r.causeId },
    memo: r.memo,
    amount: Number(r.amount),
    balanceAfter: Number(r.balanceAfter),
    at: r.at,
  }));
}

export interface CreditsReport {
  ok: boolean;
  entries: number;
  unbalancedEntries: { entryId: number; sum: number; postings: number }[];
  cachedMismatches: { accountCode: string; cached: number; posted: number }[];
  negativeBalances: { accountCode: string; balance: number }[];
}

/** Verifies the credit journal from its postings (like ledger:check): balanced, cached = posted, none negative. */
export async function checkCredits(db: Executor): Promise<CreditsReport> {
  const entries = await sql<{ n: number }>`select count(*)::bigint as n from growth_credit_entries`.execute(
    db,
  );
  const unbalanced = await sql<CreditsReport['unbalancedEntries'][number]>`
    select e.id as entry_id, coalesce(sum(p.amount), 0)::bigint as sum, count(p.entry_id)::int as postings
    from growth_credit_entries e left join growth_credit_postings p on p.entry_id = e.id
    group by e.id having coalesce(sum(p.amount), 0) <> 0 or count(p.entry_id) < 2
    order by e.id limit 100`.execute(db);
  const mismatches = await sql<CreditsReport['cachedMismatches'][number]>`
    select a.code as account_code, a.balance as cached, coalesce(sum(p.amount), 0)::bigint as posted
    from growth_credit_accounts a left join growth_credit_postings p on p.account_code = a.code
    group by a.code, a.balance having a.balance <> coalesce(sum(p.amount), 0)
    order by a.code limit 100`.execute(db);
  const negative = await sql<CreditsReport['negativeBalances'][number]>`
    select a.code as account_code, coalesce(sum(p.amount), 0)::bigint as balance
    from growth_credit_accounts a left join growth_credit_postings p on p.account_code = a.code
    where not a.may_go_negative group by a.code having coalesce(sum(p.amount), 0) < 0
    order by a.code limit 100`.execute(db);
  const report = {
    entries: Number(entries.rows[0]!.n),
    unbalancedEntries: unbalanced.rows,
    cachedMismatches: mismatches.rows,
    negativeBalances: negative.rows,
  };
  const ok =
    report.unbalancedEntries.length + report.cachedMismatches.length + report.negativeBalances.length === 0;
  return { ok, ...report };
}
