-- Experience score (issue 15, DOMAIN.md §7, product rules §7.1): one row per shop per local day
-- (a recompute the same day replaces it) and the current score per shop for fast reads.
-- `inputs` are the facts the score was computed from (counts, medians, what was excluded),
-- `metrics` each metric's value and sub-score, `dims` the three dimension scores, `drags` the
-- metrics that pulled the score down with their advice codes; `config_version` the configuration used.

create table shop_reputation_history (
  shop_id          bigint not null references shops (id),
  day              date not null,
  score            numeric(3, 2) check (score between 0 and 5),
  band             text not null check (band in ('excellent', 'good', 'fair', 'poor', 'not_enough_orders')),
  completed_orders integer not null check (completed_orders >= 0),
  inputs           jsonb not null,
  metrics          jsonb not null,
  dims             jsonb not null,
  drags            jsonb not null,
  config_version   integer not null,
  computed_at      timestamptz not null,
  primary key (shop_id, day),
  check ((score is null) = (band = 'not_enough_orders'))
);

create table shop_reputation (
  shop_id                 bigint primary key references shops (id),
  day                     date not null,
  score                   numeric(3, 2) check (score between 0 and 5),
  band                    text not null check (band in ('excellent', 'good', 'fair', 'poor', 'not_enough_orders')),
  completed_orders        integer not null check (completed_orders >= 0),
  -- quality refunds per completed order in the window (abusers excluded), for ranking
  quality_refund_rate_bp  integer not null check (quality_refund_rate_bp >= 0),
  inputs                  jsonb not null,
  metrics                 jsonb not null,
  dims                    jsonb not null,
  drags                   jsonb not null,
  config_version          integer not null,
  computed_at             timestamptz not null,
  -- the merchant's last "重新计算" (rate-limited by reputation.recomputeCooldownMinutes)
  requested_at            timestamptz,
  check ((score is null) = (band = 'not_enough_orders'))
);
-- Ops list shops by band and score.
create index shop_reputation_band_idx on shop_reputation (band, score desc nulls last);
