-- Settlement, merchant and creator withdrawals, deposits (DOMAIN.md §2–3). Money itself lives in the
-- ledger; these tables record why it moved and what the merchant sees.

-- A shop's settlement status: a stored freeze (deposit not topped up in time) and the pending
-- top-up after a deduction. One row per shop, created on first use; every money operation of a shop
-- locks it, so settlements, withdrawals, deposit payments and deductions of one shop run one at a time.
create table shop_settlement_status (
  shop_id           bigint primary key references shops (id),
  state             text not null default 'open' check (state in ('open', 'frozen')),
  freeze_reason     text check (freeze_reason in ('deposit_not_topped_up')),
  frozen_at         timestamptz,
  -- after a deduction left the deposit short: pay back up to the target by this time
  top_up_due_at     timestamptz,
  top_up_target_fen bigint not null default 0 check (top_up_target_fen >= 0),
  updated_at        timestamptz not null default now(),
  check ((state = 'frozen') = (freeze_reason is not null)),
  check ((state = 'frozen') = (frozen_at is not null))
);

-- One per order: 'frozen' while the shop's settlement is held (money stays in escrow, amounts are a
-- preview), 'settled' once the money left escrow in one balanced entry.
create table settlements (
  id                     bigint generated always as identity primary key,
  order_id               bigint not null unique references orders (id),
  shop_id                bigint not null references shops (id),
  state                  text not null check (state in ('frozen', 'settled')),
  hold_reason            text check (hold_reason in ('deposit_below_requirement', 'deposit_not_topped_up')),
  paid_fen               bigint not null check (paid_fen >= 0),
  refunded_fen           bigint not null check (refunded_fen between 0 and paid_fen),
  platform_commission_fen bigint not null check (platform_commission_fen >= 0),
  creator_user_id        bigint references users (id),
  creator_commission_fen bigint not null check (creator_commission_fen >= 0),
  deposit_withheld_fen   bigint not null check (deposit_withheld_fen >= 0),
  merchant_fen           bigint not null check (merchant_fen >= 0),
  ledger_entry_id        bigint references ledger_entries (id),
  created_at             timestamptz not null,
  frozen_at              timestamptz,
  settled_at             timestamptz,
  check (paid_fen - refunded_fen = platform_commission_fen + creator_commission_fen + deposit_withheld_fen + merchant_fen),
  check ((state = 'frozen') = (hold_reason is not null)),
  check ((state = 'settled') = (settled_at is not null)),
  check (creator_commission_fen = 0 or creator_user_id is not null)
);
create index settlements_shop_idx on settlements (shop_id, id desc);
create index settlements_frozen_idx on settlements (shop_id, id) where state = 'frozen';
create index settlements_creator_idx on settlements (creator_user_id) where creator_user_id is not null;

-- Money paid out: a merchant's available balance, the excess of its deposit, or a creator's commission.
-- The sandbox payout succeeds at once, so a row is written with its ledger entry in one transaction.
create table withdrawals (
  id              bigint generated always as identity primary key,
  source          text not null check (source in ('merchant_available', 'merchant_deposit', 'creator_commission')),
  shop_id         bigint references shops (id),
  creator_user_id bigint references users (id),
  requested_by    bigint not null references users (id),
  amount_fen      bigint not null check (amount_fen > 0),
  provider        text not null,
  provider_ref    text,
  ledger_entry_id bigint references ledger_entries (id),
  created_at      timestamptz not null,
  check ((source = 'creator_commission') = (creator_user_id is not null)),
  check ((source = 'creator_commission') = (shop_id is null))
);
create index withdrawals_shop_idx on withdrawals (shop_id, id desc) where shop_id is not null;
create index withdrawals_creator_idx on withdrawals (creator_user_id, id desc) where creator_user_id is not null;

create table deposit_payments (
  id              bigint generated always as identity primary key,
  shop_id         bigint not null references shops (id),
  paid_by         bigint not null references users (id),
  amount_fen      bigint not null check (amount_fen > 0),
  provider        text not null,
  provider_ref    text,
  ledger_entry_id bigint references ledger_entries (id),
  created_at      timestamptz not null
);
create index deposit_payments_shop_idx on deposit_payments (shop_id, id desc);

-- Fines and compensation taken from a deposit; one per cause, so asking twice deducts once.
create table deposit_deductions (
  id              bigint generated always as identity primary key,
  shop_id         bigint not null references shops (id),
  requested_fen   bigint not null check (requested_fen > 0),
  -- what the deposit held of it; the caller covers the rest
  deducted_fen    bigint not null check (deducted_fen between 0 and requested_fen),
  counter_account text not null,
  cause_type      text not null,
  cause_id        bigint not null,
  reason          text not null,
  ledger_entry_id bigint references ledger_entries (id),
  created_at      timestamptz not null,
  unique (cause_type, cause_id)
);
create index deposit_deductions_shop_idx on deposit_deductions (shop_id, id desc);
