-- Rewards of standing (DOMAIN.md §7): the trust badge (信任购 shop / 小店信任卡), granted and revoked
-- automatically by its rule, and every grant and revocation with the values the rule saw.

create table trust_badges (
  shop_id             bigint primary key references shops (id),
  state               text not null check (state in ('granted', 'revoked')),
  -- when the state last changed
  changed_at          timestamptz not null,
  -- the conditions that failed at the revocation (empty while granted)
  failed_conditions   text[] not null default '{}',
  -- the configuration version of the decision that set the state
  config_version      integer not null
);
-- Ranking reads "badged or not" per shop: the granted ones stay a small, hot index.
create index trust_badges_granted_idx on trust_badges (shop_id) where state = 'granted';

create table trust_badge_events (
  id                  bigint generated always as identity primary key,
  shop_id             bigint not null references shops (id),
  kind                text not null check (kind in ('granted', 'revoked')),
  at                  timestamptz not null,
  -- what the rule saw: the experience score (null: not enough orders), the shop's listed products and
  -- how many carry the trust guarantees, serious violations in the lookback, the shop's state
  score               numeric(3, 2),
  listed_products     integer not null,
  covered_products    integer not null,
  serious_violations  integer not null,
  shop_state          text not null,
  -- the conditions that failed (empty on a grant)
  failed_conditions   text[] not null default '{}',
  config_version      integer not null
);
create index trust_badge_events_shop_idx on trust_badge_events (shop_id, id desc);
create index trust_badge_events_at_idx on trust_badge_events (id desc);
