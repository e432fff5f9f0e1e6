-- Growth programmes (issue 15, DOMAIN.md §7, product rules §7.5): the new-merchant ladder 新商启航 and
-- the active-seller programme 斗金 as versioned data; each shop's progress against the version it was
-- measured by; exposure credits (a non-cash double-entry journal of their own, not the money ledger);
-- boosts bought with credits.

-- A programme's rules, one row per version. Ops never edit a version: they add the next one with the
-- time it takes effect; the version in force at t is the latest with effective_from <= t.
create table growth_programme_versions (
  id             bigint generated always as identity primary key,
  programme      text not null check (programme in ('new_merchant', 'active_seller')),
  version        integer not null check (version >= 1),
  effective_from timestamptz not null,
  note           text not null default '' check (char_length(note) <= 200),
  -- new_merchant only: the price and weight of boosts bought with credits, and the new-merchant traffic
  -- boost every shop on the ladder gets for its first days (discovery reads it through growth's index).
  boost_credits_per_hour  integer check (boost_credits_per_hour between 1 and 100000),
  boost_weight_bp         integer check (boost_weight_bp between 1 and 100000),
  boost_max_hours         integer check (boost_max_hours between 1 and 168),
  new_shop_boost_bp       integer check (new_shop_boost_bp between 0 and 100000),
  new_shop_boost_days     integer check (new_shop_boost_days between 0 and 365),
  created_by     bigint references users (id),
  created_at     timestamptz not null default now(),
  unique (programme, version),
  unique (programme, effective_from),
  check ((programme = 'new_merchant') = (boost_credits_per_hour is not null and boost_weight_bp is not null
    and boost_max_hours is not null and new_shop_boost_bp is not null and new_shop_boost_days is not null))
);

-- 新商启航: the steps of a ladder version, climbed in order; each pays its reward in exposure credits.
create table growth_ladder_steps (
  version_id     bigint not null references growth_programme_versions (id),
  position       smallint not null check (position between 1 and 30),
  code           text not null check (code ~ '^[a-z][a-z0-9_]{0,39}$'),
  metric         text not null check (metric in ('listed_products', 'live_sessions', 'live_sessions_7d',
                   'paid_orders', 'followers', 'product_videos')),
  threshold      integer not null check (threshold between 1 and 1000000),
  reward_credits integer not null check (reward_credits between 0 and 10000000),
  primary key (version_id, code),
  unique (version_id, position)
);

-- 斗金: the tiers of a programme version, highest tier number = best; a quarter's indicators reach a
-- tier when they meet every minimum of it.
create table growth_seller_tiers (
  version_id          bigint not null references growth_programme_versions (id),
  tier                smallint not null check (tier between 1 and 10),
  min_live_hours      integer not null check (min_live_hours >= 0),
  min_live_days       integer not null check (min_live_days between 0 and 92),
  min_product_videos  integer not null check (min_product_videos >= 0),
  min_follower_gain   integer not null check (min_follower_gain >= 0),
  min_listed_products integer not null check (min_listed_products >= 0),
  reward_credits      integer not null check (reward_credits between 0 and 10000000),
  -- the GMV rebate: this share of the quarter's paid GMV, at most the cap (money, through the ledger)
  rebate_bp           integer not null check (rebate_bp between 0 and 2000),
  rebate_cap_fen      bigint not null check (rebate_cap_fen between 0 and 10000000000),
  primary key (version_id, tier)
);

-- A shop on the ladder is measured against the ladder version in force when it joined, to the end.
create table growth_enrolments (
  shop_id     bigint primary key references shops (id),
  version_id  bigint not null references growth_programme_versions (id),
  enrolled_at timestamptz not null
);

-- A step a shop completed (from facts, once), and when its reward was claimed.
create table growth_step_completions (
  shop_id         bigint not null references shops (id),
  version_id      bigint not null references growth_programme_versions (id),
  step_code       text not null,
  measured        bigint not null,
  completed_at    timestamptz not null,
  claimed_at      timestamptz,
  credit_entry_id bigint,
  primary key (shop_id, version_id, step_code),
  foreign key (version_id, step_code) references growth_ladder_steps (version_id, code),
  check ((claimed_at is null) = (credit_entry_id is null))
);

-- 斗金: a shop's quarter, measured against the version in force at the quarter's start. measuring
-- while the quarter runs; at its end due (a tier reached) or not_earned; due → paid once by ops.
create table growth_quarter_results (
  shop_id          bigint not null references shops (id),
  quarter          text not null check (quarter ~ '^[0-9]{4}-Q[1-4]$'),
  version_id       bigint not null references growth_programme_versions (id),
  live_minutes     integer not null check (live_minutes >= 0),
  live_days        integer not null check (live_days >= 0),
  product_videos   integer not null check (product_videos >= 0),
  follower_gain    integer not null,
  listed_products  integer not null check (listed_products >= 0),
  gmv_fen          bigint not null check (gmv_fen >= 0),
  tier             smallint,
  reward_credits   integer not null check (reward_credits >= 0),
  rebate_fen       bigint not null check (rebate_fen >= 0),
  state            text not null check (state in ('measuring', 'due', 'not_earned', 'paid')),
  measured_at      timestamptz not null,
  paid_at          timestamptz,
  paid_by          bigint references users (id),
  ledger_entry_id  bigint,
  credit_entry_id  bigint,
  primary key (shop_id, quarter),
  check ((state = 'paid') = (paid_at is not null))
);
create index growth_quarter_results_state on growth_quarter_results (quarter, state);

-- Exposure credits: a non-cash double-entry journal. Accounts: `shop:<id>` (never negative),
-- `issued` (the platform's grants, runs negative by what it granted) and `spent` (credits used on
-- boosts). Every entry's postings sum to zero; balances are the sums of postings (credits:check).
create table growth_credit_accounts (
  code            text primary key check (code ~ '^(issued|spent|shop:[1-9][0-9]{0,15})$'),
  shop_id         bigint references shops (id),
  balance         bigint not null default 0,
  may_go_negative boolean not null,
  check (may_go_negative or balance >= 0),
  check ((shop_id is null) = may_go_negative)
);

create table growth_credit_entries (
  id              bigint generated always as identity primary key,
  idempotency_key text not null unique check (char_length(idempotency_key) between 1 and 200),
  kind            text not null check (kind in ('ladder_reward', 'quarter_reward', 'boost')),
  cause_type      text not null check (cause_type ~ '^[a-z_]{1,40}$'),
  cause_id        bigint not null,
  memo            text not null default '',
  created_at      timestamptz not null
);

create table growth_credit_postings (
  entry_id     bigint not null references growth_credit_entries (id),
  account_code text not null references growth_credit_accounts (code),
  amount       bigint not null check (amount <> 0),
  primary key (entry_id, account_code)
);
create index growth_credit_postings_account on growth_credit_postings (account_code, entry_id desc);

-- A boost bought with credits: a product or live room of the shop weighs more in ranking from
-- starts_at to ends_at. At most one boost in force per target: checked under the shop's credit-account
-- row lock, which every spend of the shop takes first.
create table growth_boosts (
  id              bigint generated always as identity primary key,
  shop_id         bigint not null references shops (id),
  target_type     text not null check (target_type in ('product', 'live')),
  target_id       bigint not null,
  credits         integer not null check (credits > 0),
  weight_bp       integer not null check (weight_bp > 0),
  starts_at       timestamptz not null,
  ends_at         timestamptz not null check (ends_at > starts_at),
  credit_entry_id bigint not null references growth_credit_entries (id),
  created_by      bigint not null references users (id),
  created_at      timestamptz not null default now()
);
create index growth_boosts_target on growth_boosts (target_type, target_id, ends_at desc);
create index growth_boosts_ends on growth_boosts (ends_at);
create index growth_boosts_shop on growth_boosts (shop_id, id desc);
