-- Coupons (issue 14, DOMAIN.md §9, product rules §9 Coupons): campaigns (platform- or shop-funded,
-- optionally scoped to a live room for claiming), the per-buyer claim counters, and buyers' coupons.
create table coupon_campaigns (
  id              bigserial primary key,
  funder          text not null check (funder in ('platform', 'shop')),
  shop_id         bigint references shops (id),
  live_session_id bigint references live_sessions (id),
  title           text not null check (char_length(title) between 1 and 30),
  kind            text not null check (kind in ('threshold', 'percent', 'no_threshold')),
  threshold_fen   bigint not null default 0 check (threshold_fen >= 0),
  discount_fen    bigint not null default 0 check (discount_fen >= 0),
  percent_bp      integer not null default 0 check (percent_bp between 0 and 9999),
  cap_fen         bigint check (cap_fen > 0),
  claim_starts_at timestamptz not null,
  claim_ends_at   timestamptz not null check (claim_ends_at > claim_starts_at),
  valid_days      integer not null check (valid_days between 1 and 365),
  use_ends_at     timestamptz,
  per_buyer_limit integer not null check (per_buyer_limit between 1 and 10),
  issue_cap       integer not null check (issue_cap between 1 and 10000000),
  -- Raised by conditional updates (issued < issue_cap) only: never above the cap.
  issued          integer not null default 0 check (issued between 0 and issue_cap),
  state           text not null check (state in ('scheduled', 'active', 'stopped')),
  created_by      bigint not null references users (id),
  created_at      timestamptz not null default now(),
  stopped_at      timestamptz,
  check ((funder = 'platform') = (shop_id is null)),
  check (live_session_id is null or funder = 'shop'),
  check (kind <> 'threshold' or (discount_fen > 0 and threshold_fen > discount_fen)),
  check (kind <> 'no_threshold' or discount_fen > 0),
  check (kind <> 'percent' or percent_bp > 0)
);

create index coupon_campaigns_shop on coupon_campaigns (shop_id, created_at desc);
create index coupon_campaigns_live on coupon_campaigns (live_session_id) where live_session_id is not null;
create index coupon_campaigns_claimable on coupon_campaigns (claim_ends_at) where state <> 'stopped';

-- One row per (campaign, buyer): the upsert that raises `claimed` locks it, so concurrent claims of
-- one buyer queue here and the per-buyer limit holds.
create table coupon_claims (
  campaign_id bigint not null references coupon_campaigns (id),
  buyer_id    bigint not null references users (id),
  claimed     integer not null check (claimed >= 1),
  primary key (campaign_id, buyer_id)
);

create table buyer_coupons (
  id          bigserial primary key,
  campaign_id bigint not null references coupon_campaigns (id),
  buyer_id    bigint not null references users (id),
  claim_no    integer not null check (claim_no >= 1),
  state       text not null check (state in ('available', 'used', 'expired')),
  -- The order using it while used (an orders id; cleared when the coupon comes back).
  order_id    bigint,
  claimed_at  timestamptz not null,
  expires_at  timestamptz not null,
  used_at     timestamptz,
  unique (campaign_id, buyer_id, claim_no),
  check ((state = 'used') = (order_id is not null))
);

create index buyer_coupons_buyer on buyer_coupons (buyer_id, state, expires_at);
create index buyer_coupons_order on buyer_coupons (order_id) where order_id is not null;
create index buyer_coupons_campaign_used on buyer_coupons (campaign_id) where state = 'used';
