-- Payments and refunds (DOMAIN.md §2): money in through a provider, held in escrow by the ledger.

create table payments (
  id             bigint generated always as identity primary key,
  group_id       bigint not null references order_groups (id),
  buyer_id       bigint not null references users (id),
  amount_fen     bigint not null check (amount_fen > 0),
  provider       text not null,
  -- sandbox only: what the sandbox provider was told to do with this payment
  sandbox_outcome text check (sandbox_outcome in ('succeed', 'fail', 'timeout')),
  state          text not null default 'pending'
                 check (state in ('pending', 'succeeded', 'failed', 'timed_out')),
  provider_ref   text,
  failure_reason text,
  created_at     timestamptz not null default now(),
  completed_at   timestamptz
);
create index payments_group_idx on payments (group_id);
-- One payment waiting for its answer per order group. A failed or timed-out one may be retried; if a
-- timed-out one still succeeds later, what it covered but did not pay is refunded.
create unique index payments_group_pending_idx on payments (group_id) where state = 'pending';

-- The orders a payment pays for (the group's waiting orders when it started).
create table payment_orders (
  payment_id bigint not null references payments (id),
  order_id   bigint not null references orders (id),
  primary key (payment_id, order_id)
);
create index payment_orders_order_idx on payment_orders (order_id);

create table refunds (
  id              bigint generated always as identity primary key,
  payment_id      bigint not null references payments (id),
  order_id        bigint not null references orders (id),
  amount_fen      bigint not null check (amount_fen > 0),
  reason          text not null,
  -- the record that asked for the refund: a late payment, an after-sales request, ...
  cause_type      text not null,
  cause_id        bigint not null,
  state           text not null default 'pending' check (state in ('pending', 'succeeded', 'failed')),
  provider_ref    text,
  created_at      timestamptz not null default now(),
  completed_at    timestamptz,
  unique (cause_type, cause_id, order_id)
);
create index refunds_order_idx on refunds (order_id);
create index refunds_payment_idx on refunds (payment_id);
