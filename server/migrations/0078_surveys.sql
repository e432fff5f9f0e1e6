-- NPS surveys (DOMAIN.md §7, product rules §7.3): after an order completes, a sample of buyers is
-- offered a 0–10 survey with an optional comment. One invitation per order; it is answered once or
-- expires at its deadline.

create table nps_invitations (
  id             bigint generated always as identity primary key,
  order_id       bigint not null unique references orders (id),
  shop_id        bigint not null references shops (id),
  buyer_id       bigint not null references users (id),
  state          text not null default 'offered' check (state in ('offered', 'answered', 'expired')),
  -- the feedback configuration version whose sample rate chose this order
  config_version integer not null,
  offered_at     timestamptz not null,
  -- deadline of the offered state; its default action: expire
  expires_at     timestamptz not null,
  answered_at    timestamptz,
  score          smallint check (score between 0 and 10),
  comment        text check (char_length(comment) between 1 and 300),
  -- the comment as screened: shown to the shop, or held back (never shown)
  comment_state  text check (comment_state in ('visible', 'held')),
  check ((state = 'answered') = (score is not null and answered_at is not null)),
  check ((comment is null) = (comment_state is null)),
  check (expires_at > offered_at)
);
-- A buyer's open surveys, and the one-survey-per-gap rule.
create index nps_invitations_buyer_idx on nps_invitations (buyer_id, offered_at desc);
-- NPS per shop and platform over a window of answers.
create index nps_invitations_answers_idx on nps_invitations (answered_at, shop_id) include (score)
  where state = 'answered';
-- Expiry sweeps.
create index nps_invitations_expiry_idx on nps_invitations (expires_at) where state = 'offered';

-- How far the sampling has read completed orders (one row): each run samples (completed_until, now].
create table nps_sampling (
  id              smallint primary key check (id = 1),
  completed_until timestamptz not null
);

-- Orders completed in a window (the survey sampling reads them every run).
create index orders_completed_at_idx on orders (completed_at) where completed_at is not null;
-- The repeat-customer index: a shop's buyers' paid orders in time order.
create index orders_shop_buyer_paid_idx on orders (shop_id, buyer_id, paid_at)
  where paid_at is not null and state <> 'cancelled';
