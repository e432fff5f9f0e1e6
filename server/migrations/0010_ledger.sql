-- Double-entry ledger (DOMAIN.md §2, STYLE.md "Money"): integer fen, append-only journal.
-- Sign convention: a posting's amount flows INTO its account when positive and out of it when
-- negative; every entry sums to zero. External accounts (payment_provider, payout_provider) mirror
-- money entering or leaving the platform, so they may run negative.

-- Accounts are created on first use, keyed by a stable code: `escrow`, `merchant_available:42`, ...
create table ledger_accounts (
  code            text primary key check (code ~ '^[a-z][a-z_]*(:[1-9][0-9]*)?$'),
  type            text not null check (type in ('external', 'holding', 'payable', 'revenue', 'reserve')),
  owner_kind      text check (owner_kind in ('shop', 'user')),
  owner_id        bigint,
  may_go_negative boolean not null,
  -- number of cached balance rows (see ledger_balances)
  balance_buckets smallint not null check (balance_buckets between 1 and 256),
  created_at      timestamptz not null default now(),
  check ((owner_kind is null) = (owner_id is null))
);
create index ledger_accounts_owner_idx on ledger_accounts (owner_kind, owner_id) where owner_kind is not null;

create table ledger_entries (
  id              bigint generated always as identity primary key,
  -- a replay with the same key returns the first entry and writes nothing
  idempotency_key text not null unique check (length(idempotency_key) between 1 and 200),
  kind            text not null check (kind ~ '^[a-z][a-z0-9_]{0,63}$'),
  cause_type      text not null check (cause_type ~ '^[a-z][a-z0-9_]{0,63}$'),
  cause_id        bigint not null check (cause_id > 0),
  memo            text check (length(memo) <= 500),
  created_at      timestamptz not null default now()
);
create index ledger_entries_cause_idx on ledger_entries (cause_type, cause_id, id);

-- No foreign key to ledger_accounts on purpose: every insert would take a KEY SHARE lock on the
-- account row, and thousands of concurrent payments sharing `escrow` would pile multixacts on one
-- row. The posting statement creates the account in the same statement; checkLedger reports
-- postings to unknown accounts.
create table ledger_postings (
  entry_id     bigint not null references ledger_entries (id),
  account_code text not null,
  amount_fen   bigint not null check (amount_fen <> 0),
  primary key (entry_id, account_code)
);
create index ledger_postings_account_idx on ledger_postings (account_code, entry_id desc) include (amount_fen);

-- Cached balances, updated in the posting statement. A platform-wide account that every payment
-- touches (escrow, payment_provider, ...) is spread over `balance_buckets` rows: a credit lands in a
-- random bucket, so concurrent payments do not queue on one hot row. Its balance is the sum of its
-- buckets. Non-negative accounts keep EVERY bucket >= 0 (hence the total too); a debit takes from
-- buckets that hold enough. Per-owner accounts have one bucket (bucket 0).
-- account_code comes first: the check violation's "Failing row contains (code, ...)" names it.
create table ledger_balances (
  account_code    text not null references ledger_accounts (code),
  bucket          smallint not null check (bucket >= 0),
  balance_fen     bigint not null,
  may_go_negative boolean not null,
  primary key (account_code, bucket),
  constraint ledger_balances_non_negative check (may_go_negative or balance_fen >= 0)
);

create function ledger_refuse_change() returns trigger language plpgsql as $$
begin
  raise exception 'the ledger is append-only: % on % refused', tg_op, tg_table_name
    using errcode = 'restrict_violation';
end;
$$;

create trigger ledger_entries_append_only before update or delete on ledger_entries
  for each row execute function ledger_refuse_change();
create trigger ledger_entries_no_truncate before truncate on ledger_entries
  for each statement execute function ledger_refuse_change();
create trigger ledger_postings_append_only before update or delete on ledger_postings
  for each row execute function ledger_refuse_change();
create trigger ledger_postings_no_truncate before truncate on ledger_postings
  for each statement execute function ledger_refuse_change();
-- The posting statement relies on a balance row, once seen, staying (see post-entry.service.ts).
create trigger ledger_balances_no_delete before delete on ledger_balances
  for each row execute function ledger_refuse_change();
-- postings name accounts by code without a foreign key: accounts must not disappear either
create trigger ledger_accounts_no_delete before delete on ledger_accounts
  for each row execute function ledger_refuse_change();
create trigger ledger_accounts_no_truncate before truncate on ledger_accounts
  for each statement execute function ledger_refuse_change();
