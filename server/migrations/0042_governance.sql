-- Governance (DOMAIN.md §6 Enforcement): violations, their penalties, the shop points ledger, host
-- reminders, appeals and the blacklist. The violation catalogue (codes, severity, points, default
-- penalties) is data in server/src/modules/governance/catalogue.ts; rows here name a code of it.

-- A violation of a shop (or of a creator's live room, shop_id null). 'warned': a first minor
-- violation, with a chance to fix it by fix_by (no fine); 'enforced': penalties applied; 'fixed':
-- fixed within the window; 'reversed': an appeal was upheld and everything it did was undone.
create table governance_violations (
  id            bigint generated always as identity primary key,
  shop_id       bigint references shops (id),
  host_user_id  bigint references users (id),
  code          text not null check (char_length(code) between 1 and 60),
  severity      text not null check (severity in ('general', 'serious')),
  points        integer not null check (points between 0 and 100),
  subject_type  text not null check (subject_type in ('shop', 'product', 'live_session', 'order', 'review', 'content')),
  subject_id    bigint,
  evidence_text text not null check (char_length(evidence_text) between 1 and 4000),
  evidence_file_ids bigint[] not null default '{}',
  source        text not null check (source in ('ops', 'trust_engine', 'ip_complaint', 'system')),
  state         text not null check (state in ('warned', 'enforced', 'fixed', 'reversed')),
  fix_by        timestamptz,
  recorded_by   bigint references users (id),
  created_at    timestamptz not null,
  updated_at    timestamptz not null,
  check (shop_id is not null or host_user_id is not null),
  check ((severity = 'general') = (points = 0)),
  check ((state = 'warned') <= (fix_by is not null))
);
create index governance_violations_shop_idx on governance_violations (shop_id, created_at desc);
create index governance_violations_code_idx on governance_violations (shop_id, code, created_at);
create index governance_violations_created_idx on governance_violations (created_at desc, id desc);

-- What a violation did. Time-limited penalties end at ends_at (durable deadline
-- 'governance.penalty_ends'); an upheld appeal reverses them. params hold what is needed to undo:
-- the product delisted, the fen deducted, the shop state before a restriction.
create table governance_penalties (
  id            bigint generated always as identity primary key,
  violation_id  bigint not null references governance_violations (id),
  shop_id       bigint references shops (id),
  host_user_id  bigint references users (id),
  kind          text not null check (kind in ('warning', 'delist_product', 'listing_ban', 'live_ban',
                'traffic_limit', 'fine', 'settlement_freeze', 'shop_restricted', 'shop_closed', 'blacklist')),
  params        jsonb not null default '{}',
  -- set when a points milestone (12/24/36/48) caused it rather than the catalogue entry
  milestone     integer check (milestone in (12, 24, 36, 48)),
  state         text not null check (state in ('active', 'ended', 'reversed')),
  starts_at     timestamptz not null,
  ends_at       timestamptz,
  ended_at      timestamptz,
  check (ends_at is null or ends_at > starts_at),
  check ((state = 'active') = (ended_at is null))
);
create index governance_penalties_violation_idx on governance_penalties (violation_id);
-- The checks other modules make (listing ban, live ban, traffic limit, freeze) read active rows.
create index governance_penalties_active_shop_idx on governance_penalties (shop_id, kind) where state = 'active';
create index governance_penalties_active_host_idx on governance_penalties (host_user_id, kind) where state = 'active';

-- The shop points ledger: one row per serious violation, dated; points over the rolling 365 days
-- are a sum over this table. An upheld appeal stamps reversed_at (rows are never deleted).
create table governance_points (
  id            bigint generated always as identity primary key,
  shop_id       bigint not null references shops (id),
  violation_id  bigint not null unique references governance_violations (id),
  points        integer not null check (points between 1 and 100),
  at            timestamptz not null,
  reversed_at   timestamptz
);
create index governance_points_shop_idx on governance_points (shop_id, at) where reversed_at is null;

-- A reminder shown to a host before their next live session after a minor live violation; the
-- host acknowledges it before going live again.
create table governance_host_reminders (
  id              bigint generated always as identity primary key,
  host_user_id    bigint not null references users (id),
  violation_id    bigint not null unique references governance_violations (id),
  session_id      bigint references live_sessions (id),
  message_zh      text not null,
  message_en      text not null,
  created_at      timestamptz not null,
  acknowledged_at timestamptz
);
create index governance_host_reminders_open_idx on governance_host_reminders (host_user_id)
  where acknowledged_at is null;

-- A merchant's appeal of a violation: within 7 days of it, at most 2 per violation, one open at a
-- time. Enforcement is not paused meanwhile. An arbiter upholds (everything is reversed) or rejects.
create table governance_appeals (
  id             bigint generated always as identity primary key,
  violation_id   bigint not null references governance_violations (id),
  shop_id        bigint not null references shops (id),
  attempt        integer not null check (attempt in (1, 2)),
  filed_by       bigint not null references users (id),
  text           text not null check (char_length(text) between 1 and 4000),
  file_ids       bigint[] not null default '{}',
  state          text not null check (state in ('pending', 'upheld', 'rejected')),
  decided_by     bigint references users (id),
  decision_reason text,
  created_at     timestamptz not null,
  decided_at     timestamptz,
  unique (violation_id, attempt),
  check ((state = 'pending') = (decided_at is null)),
  check ((state = 'pending') = (decision_reason is null))
);
create unique index governance_appeals_open_idx on governance_appeals (violation_id) where state = 'pending';
create index governance_appeals_queue_idx on governance_appeals (created_at, id) where state = 'pending';

-- People barred from the platform after a blacklist penalty: the shop owner's account and phone,
-- for re-registration checks (DOMAIN.md §6 onboarding). Reversed entries stay for the record.
create table governance_blacklist (
  id            bigint generated always as identity primary key,
  penalty_id    bigint not null references governance_penalties (id),
  user_id       bigint references users (id),
  phone         text,
  created_at    timestamptz not null,
  reversed_at   timestamptz,
  check (user_id is not null or phone is not null)
);
create index governance_blacklist_user_idx on governance_blacklist (user_id) where reversed_at is null;
create index governance_blacklist_phone_idx on governance_blacklist (phone) where reversed_at is null;

-- A governance settlement_freeze holds a shop's settlements like a deposit shortfall does
-- (settlement's hold rule reads the active penalty); the held settlements say why.
alter table settlements drop constraint settlements_hold_reason_check;
alter table settlements add constraint settlements_hold_reason_check
  check (hold_reason in ('deposit_below_requirement', 'deposit_not_topped_up', 'governance_penalty'));
