import { sql } from 'kysely';
import type { Db, Executor } from '../../platform/db.ts';
import type { Fen } from '../../platform/money.ts';

export interface LedgerReport {
  /** True when every list below is empty. */
  ok: boolean;
  /** Number of journal entries checked. */
  entries: number;
  /** Entries whose postings do not sum to zero, or that have fewer than two postings. */
  unbalancedEntries: { entryId: number; idempotencyKey: string; sumFen: Fen; postings: number }[];
  /** Accounts whose cached balance differs from the sum of their postings. */
  cachedMismatches: { accountCode: string; cachedFen: Fen; postedFen: Fen }[];
  /** Accounts that must not go negative but do: by their postings, or in a cached bucket. */
  negativeBalances: { accountCode: string; balanceFen: Fen; lowestBucketFen: Fen }[];
  /** Codes that postings name but that are not in ledger_accounts. */
  unknownAccounts: string[];
}

// Enough to act on; a ledger with more problems than this needs a person, not a longer list.
const LIMIT = 100;

/**
 * Verifies the whole ledger from its postings: every entry sums to zero, cached balances equal the
 * postings, and no account that must stay non-negative is negative. Reads one snapshot.
 */
export async function checkLedger(db: Db): Promise<LedgerReport> {
  if (db.isTransaction) return readReport(db);
  return db.transaction().setIsolationLevel('repeatable read').setAccessMode('read only').execute(readReport);
}

async function readReport(db: Executor): Promise<LedgerReport> {
  const entries = await sql<{ n: number }>`select count(*)::bigint as n from ledger_entries`.execute(db);

  const unbalanced = await sql<LedgerReport['unbalancedEntries'][number]>`
    select e.id as entry_id, e.idempotency_key, coalesce(sum(p.amount_fen), 0)::bigint as sum_fen,
      count(p.entry_id)::int as postings
    from ledger_entries e left join ledger_postings p on p.entry_id = e.id
    group by e.id
    having coalesce(sum(p.amount_fen), 0) <> 0 or count(p.entry_id) < 2
    order by e.id limit ${LIMIT}`.execute(db);

  const mismatches = await sql<LedgerReport['cachedMismatches'][number]>`
    with posted as (select account_code, sum(amount_fen) as fen from ledger_postings group by account_code),
    cached as (select account_code, sum(balance_fen) as fen from ledger_balances group by account_code)
    select account_code, coalesce(c.fen, 0)::bigint as cached_fen, coalesce(p.fen, 0)::bigint as posted_fen
    from posted p full join cached c using (account_code)
    where coalesce(c.fen, 0) <> coalesce(p.fen, 0)
    order by account_code limit ${LIMIT}`.execute(db);

  const negative = await sql<LedgerReport['negativeBalances'][number]>`
    with posted as (select account_code, sum(amount_fen) as fen from ledger_postings group by account_code),
    worst_bucket as (select account_code, min(balance_fen) as fen from ledger_balances group by account_code)
    select a.code as account_code, coalesce(p.fen, 0)::bigint as balance_fen,
      coalesce(b.fen, 0)::bigint as lowest_bucket_fen
    from ledger_accounts a
    left join posted p on p.account_code = a.code
    left join worst_bucket b on b.account_code = a.code
    where not a.may_go_negative and (p.fen < 0 or b.fen < 0)
    order by a.code limit ${LIMIT}`.execute(db);

  const unknown = await sql<{ accountCode: string }>`
    select distinct p.account_code from ledger_postings p
    where not exists (select 1 from ledger_accounts a where a.code = p.account_code)
    order by p.account_code limit ${LIMIT}`.execute(db);

  const report = {
    entries: entries.rows[0]!.n,
    unbalancedEntries: unbalanced.rows,
    cachedMismatches: mismatches.rows,
    negativeBalances: negative.rows,
    unknownAccounts: unknown.rows.map((r) => r.accountCode),
  };
  const ok =
    report.unbalancedEntries.length === 0 &&
    report.cachedMismatches.length === 0 &&
    report.negativeBalances.length === 0 &&
    report.unknownAccounts.length === 0;
  return { ok, ...report };
}
