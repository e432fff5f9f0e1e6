-- Injured buyers and proactive care (DOMAIN.md §8, product rules §8.6): rules find buyers who were let
-- down (a stalled parcel they asked the shop about twice, a refused refund followed by a bad review, a
-- second after-sales request on one order); each finding is one case per buyer, order and rule in the
-- ops outreach queue. Ops claim it, record contacts, compensate in place (a platform coupon or cash
-- through the ledger, capped per case and per day) and record the outcome; the buyer is then asked
-- whether they are satisfied (one tap).

create table care_cases (
  id              bigint generated always as identity primary key,
  rule            text not null check (rule in ('stalled_parcel_contacted', 'refused_then_bad_review', 'repeat_aftersales')),
  buyer_id        bigint not null references users (id),
  order_id        bigint not null references orders (id),
  shop_id         bigint not null references shops (id),
  state           text not null default 'open' check (state in ('open', 'claimed', 'resolved')),
  -- the rule's inputs when it found the case (stall hours, contact times, the refusal, the review...)
  facts           jsonb not null,
  -- when the let-down happened (the stall passing 72 h, the bad review, the second request)
  happened_at     timestamptz not null,
  detected_at     timestamptz not null,
  -- the queue's SLA: ops should reach the buyer by then (overdue first)
  due_at          timestamptz not null,
  config_version  integer not null,
  claimed_by      bigint references users (id),
  claimed_at      timestamptz,
  outcome         text check (outcome in ('compensated', 'apologised', 'unreachable', 'declined')),
  outcome_note    text check (char_length(outcome_note) <= 500),
  resolved_by     bigint references users (id),
  resolved_at     timestamptz,
  -- the satisfaction survey after outreach: asked when the case is resolved with the buyer reached
  survey_state    text check (survey_state in ('asked', 'answered', 'expired')),
  survey_expires_at timestamptz,
  satisfaction    text check (satisfaction in ('satisfied', 'neutral', 'unsatisfied')),
  answered_at     timestamptz,
  unique (buyer_id, order_id, rule),
  check ((state = 'open') = (claimed_by is null)),
  check ((state = 'resolved') = (outcome is not null and resolved_at is not null)),
  check ((survey_state = 'answered') = (satisfaction is not null))
);
-- The queue: unresolved cases by SLA.
create index care_cases_queue_idx on care_cases (due_at) where state <> 'resolved';
-- Satisfaction after outreach over a window of answers.
create index care_cases_answers_idx on care_cases (answered_at) where survey_state = 'answered';
create index care_cases_buyer_idx on care_cases (buyer_id);

-- Each contact ops made with the buyer (a call, a message), reached or not.
create table care_contacts (
  id        bigint generated always as identity primary key,
  case_id   bigint not null references care_cases (id),
  by_user   bigint not null references users (id),
  channel   text not null check (channel in ('phone', 'sms', 'chat', 'other')),
  reached   boolean not null,
  note      text not null check (char_length(note) between 1 and 500),
  at        timestamptz not null
);
create index care_contacts_case_idx on care_contacts (case_id, id);

-- Compensation given in place: a platform-funded coupon or cash paid through the ledger.
create table care_compensations (
  id              bigint generated always as identity primary key,
  case_id         bigint not null references care_cases (id),
  kind            text not null check (kind in ('coupon', 'cash')),
  amount_fen      integer not null check (amount_fen > 0),
  -- the buyer's coupon (promotions) for a coupon; null for cash (the ledger entries cite this row)
  buyer_coupon_id bigint,
  -- the platform's local day whose budget it used
  budget_day      text not null check (budget_day ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$'),
  by_user         bigint not null references users (id),
  config_version  integer not null,
  at              timestamptz not null,
  check ((kind = 'coupon') = (buyer_coupon_id is not null))
);
create index care_compensations_case_idx on care_compensations (case_id);

-- What care has spent per local day: the per-day cap holds by a conditional update of this row.
create table care_daily_budget (
  day        text primary key check (day ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$'),
  spent_fen  bigint not null default 0 check (spent_fen >= 0)
);

-- The scan's reads of the owners' tables, each a small slice: parcels still on their way, refusals and
-- requests of the last days.
create index shipments_on_the_way_idx on shipments (id) where status in ('created', 'picked_up', 'in_transit');
create index aftersales_events_rejected_idx on aftersales_events (at) where to_state = 'rejected';
create index arbitrations_rejected_idx on arbitrations (decided_at) where outcome = 'reject';
create index aftersales_requests_created_idx on aftersales_requests (created_at);
