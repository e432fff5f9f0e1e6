-- Trust decision engine (DOMAIN.md §6): policies as versioned data, decisions kept for audit and
-- replay, velocity counters, identifier links, the blacklist, labels and review cases.

-- A policy is the rule list of one checkpoint, one row per version. Rows are never edited: a change is
-- a new draft. One active and at most one shadow version per checkpoint.
create table trust_policies (
  id           bigint generated always as identity primary key,
  checkpoint   text not null,
  version      integer not null check (version >= 1),
  rules        jsonb not null,
  -- sha-256 of the rules: compiled policies are cached in process under it
  digest       text not null,
  status       text not null check (status in ('draft', 'active', 'shadow', 'retired')),
  note         text,
  created_by   bigint references users (id),
  created_at   timestamptz not null,
  activated_at timestamptz,
  retired_at   timestamptz,
  unique (checkpoint, version)
);
create unique index trust_policies_active_idx on trust_policies (checkpoint) where status = 'active';
create unique index trust_policies_shadow_idx on trust_policies (checkpoint) where status = 'shadow';

-- Every decision, enforced or shadow. `inputs` (enforced rows only) is every feature value the
-- decision could read: a backtest replays it through a candidate policy. Append-only.
create table trust_decisions (
  id               bigint generated always as identity primary key,
  checkpoint       text not null,
  subject_type     text not null,
  subject_id       bigint not null,
  outcome          text not null check (outcome in ('allow', 'review', 'block')),
  fired            jsonb not null,
  features         jsonb not null,
  inputs           jsonb,
  policy_id        bigint not null references trust_policies (id),
  policy_version   integer not null,
  shadow           boolean not null,
  -- a shadow decision points at the enforced one it ran beside
  live_decision_id bigint references trust_decisions (id),
  at               timestamptz not null,
  check (shadow = (live_decision_id is not null)),
  check (shadow or inputs is not null)
);
create index trust_decisions_checkpoint_idx on trust_decisions (checkpoint, shadow, id desc);
create index trust_decisions_subject_idx on trust_decisions (subject_type, subject_id, id desc);
create index trust_decisions_live_idx on trust_decisions (live_decision_id) where live_decision_id is not null;

create function trust_decisions_append_only() returns trigger language plpgsql as $$
begin
  raise exception 'trust_decisions is append-only';
end $$;
create trigger trust_decisions_no_change before update or delete on trust_decisions
  for each row execute function trust_decisions_append_only();

-- Velocity counters in hourly buckets. Identifiers are stored hashed (see entities.ts), ids as text.
create table trust_counters (
  entity_type  text not null,
  entity_value text not null,
  counter      text not null,
  bucket_start timestamptz not null check (date_trunc('hour', bucket_start) = bucket_start),
  count        integer not null check (count >= 0),
  primary key (entity_type, entity_value, counter, bucket_start)
);

-- Which user or shop used which identifier (hashed): the links of re-registration checks.
create table trust_entities (
  entity_type  text not null check (entity_type in ('phone', 'id_number', 'device', 'payout_account', 'address')),
  value_hash   text not null,
  user_id      bigint references users (id),
  shop_id      bigint references shops (id),
  first_seen   timestamptz not null,
  check (user_id is not null or shop_id is not null)
);
create unique index trust_entities_link_idx
  on trust_entities (entity_type, value_hash, coalesce(user_id, 0), coalesce(shop_id, 0));
create index trust_entities_user_idx on trust_entities (user_id) where user_id is not null;
create index trust_entities_shop_idx on trust_entities (shop_id) where shop_id is not null;

create table trust_blacklist (
  entity_type text not null check (entity_type in ('phone', 'id_number', 'device', 'payout_account', 'address')),
  value_hash  text not null,
  reason      text not null check (char_length(reason) between 1 and 500),
  added_by    bigint references users (id),
  at          timestamptz not null,
  primary key (entity_type, value_hash)
);

-- Labels set by ops or by modules on a subject ('user', 'shop', or a checkpoint's own subject type).
create table trust_labels (
  subject_type text not null,
  subject_id   bigint not null,
  label        text not null check (label ~ '^[a-z][a-z0-9_]{0,63}$'),
  set_by       bigint references users (id),
  note         text,
  at           timestamptz not null,
  primary key (subject_type, subject_id, label)
);

-- Review cases: every enforced `review` decision opens one.
create table trust_cases (
  id           bigint generated always as identity primary key,
  decision_id  bigint not null unique references trust_decisions (id),
  checkpoint   text not null,
  subject_type text not null,
  subject_id   bigint not null,
  state        text not null check (state in ('open', 'assigned', 'resolved')),
  assignee     bigint references users (id),
  resolution   text check (resolution in ('fraud', 'legit')),
  note         text,
  resolved_by  bigint references users (id),
  opened_at    timestamptz not null,
  assigned_at  timestamptz,
  resolved_at  timestamptz,
  check ((state = 'resolved') = (resolution is not null)),
  check ((state = 'assigned') <= (assignee is not null))
);
create index trust_cases_queue_idx on trust_cases (checkpoint, state, id);
create index trust_cases_assignee_idx on trust_cases (assignee, state) where assignee is not null;
create index trust_cases_subject_idx on trust_cases (subject_type, subject_id);
