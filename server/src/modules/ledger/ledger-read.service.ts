import { sql } from 'kysely';
import type { Executor } from '../../platform/db.ts';
import { invalidField, notFound } from '../../platform/errors.ts';
import type { Fen } from '../../platform/money.ts';
import { type AccountRef, parseAccountCode } from './account-ref.ts';
import type { AccountType, OwnerKind } from './ledger.tables.ts';

/** The record that caused a movement: an order, a refund, a fine, a withdrawal... */
export interface Cause {
  type: string;
  id: number;
}

export interface LedgerEntry {
  id: number;
  idempotencyKey: string;
  kind: string;
  cause: Cause;
  memo: string | null;
  createdAt: Date;
  /** By account code. */
  postings: { accountCode: string; amountFen: Fen }[];
}

/** Entries with their postings, oldest first. */
export async function loadEntries(
  db: Executor,
  filter: { idempotencyKey: string } | { cause: Cause },
): Promise<LedgerEntry[]> {
  let query = db
    .selectFrom('ledgerEntries as e')
    .innerJoin('ledgerPostings as p', 'p.entryId', 'e.id')
    .select(['e.id', 'e.idempotencyKey', 'e.kind', 'e.causeType', 'e.causeId', 'e.memo', 'e.createdAt'])
    .select(['p.accountCode', 'p.amountFen'])
    .orderBy('e.id')
    .orderBy('p.accountCode');
  query =
    'idempotencyKey' in filter
      ? query.where('e.idempotencyKey', '=', filter.idempotencyKey)
      : query.where('e.causeType', '=', filter.cause.type).where('e.causeId', '=', filter.cause.id);
  const entries = new Map<number, LedgerEntry>();
  for (const row of await query.execute()) {
    let entry = entries.get(row.id);
    if (!entry) {
      entry = {
        id: row.id,
        idempotencyKey: row.idempotencyKey,
        kind: row.kind,
        cause: { type: row.causeType, id: row.causeId },
        memo: row.memo,
        createdAt: row.createdAt,
        postings: [],
      };
      entries.set(row.id, entry);
    }
    entry.postings.push({ accountCode: row.accountCode, amountFen: row.amountFen });
  }
  return [...entries.values()];
}

/** Every entry a record caused (a payment, its settlement, its refunds...), oldest first. */
export function entriesFor(db: Executor, cause: Cause): Promise<LedgerEntry[]> {
  return loadEntries(db, { cause });
}

/** Balances by account code, 0 for accounts never used; the sum of an account's cached buckets. */
export async function balances(db: Executor, refs: readonly AccountRef[]): Promise<Map<string, Fen>> {
  const codes = [...new Set(refs.map((r) => r.code))];
  const result = new Map<string, Fen>(codes.map((code) => [code, 0]));
  if (codes.length === 0) return result;
  const rows = await db
    .selectFrom('ledgerBalances')
    .select(['accountCode', sql<number>`sum(balance_fen)::bigint`.as('balanceFen')])
    .where('accountCode', 'in', codes)
    .groupBy('accountCode')
    .execute();
  for (const row of rows) result.set(row.accountCode, row.balanceFen);
  return result;
}

export async function balanceOf(db: Executor, ref: AccountRef): Promise<Fen> {
  return (await balances(db, [ref])).get(ref.code)!;
}

export interface AccountStatement {
  account: {
    code: string;
    type: AccountType;
    ownerKind: OwnerKind | null;
    ownerId: number | null;
    mayGoNegative: boolean;
    createdAt: Date;
  };
  balanceFen: Fen;
  /** Newest first. */
  postings: {
    entryId: number;
    kind: string;
    cause: Cause;
    memo: string | null;
    amountFen: Fen;
    createdAt: Date;
  }[];
}

/** An account's balance and its latest postings; 400 for a code outside the chart, 404 if never used. */
export async function accountStatement(db: Executor, code: string, limit: number): Promise<AccountStatement> {
  const ref = parseAccountCode(code);
  if (!ref) throw invalidField('code', 'is not an account of the chart of accounts');
  const account = await db
    .selectFrom('ledgerAccounts')
    .select(['code', 'type', 'ownerKind', 'ownerId', 'mayGoNegative', 'createdAt'])
    .where('code', '=', ref.code)
    .executeTakeFirst();
  if (!account) throw notFound('ledger account', ref.code);
  const rows = await db
    .selectFrom('ledgerPostings as p')
    .innerJoin('ledgerEntries as e', 'e.id', 'p.entryId')
    .select(['p.entryId', 'e.kind', 'e.causeType', 'e.causeId', 'e.memo', 'p.amountFen', 'e.createdAt'])
    .where('p.accountCode', '=', ref.code)
    .orderBy('p.entryId', 'desc')
    .limit(limit)
    .execute();
  return {
    account,
    balanceFen: await balanceOf(db, ref),
    postings: rows.map(({ causeType, causeId, ...row }) => ({
      ...row,
      cause: { type: causeType, id: causeId },
    })),
  };
}
