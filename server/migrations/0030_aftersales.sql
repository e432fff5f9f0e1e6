-- After-sales and trust guarantees (DOMAIN.md §4–5).
--
-- Four separate state machines, each in its own table: the request (negotiation), the return parcel,
-- the refund money (the `refunds` table of payments), and arbitration. Every non-terminal request state
-- carries its deadline and default action, executed once by the durable deadlines (0011).

-- Versioned platform configuration: every deadline, amount, threshold and cap of §4–5. The current
-- version is the highest; decisions record the version they used. Rows are never changed.
create table platform_config_versions (
  version    integer primary key,
  policy     jsonb not null,
  note       text not null check (char_length(note) between 1 and 500),
  created_by bigint references users (id),
  created_at timestamptz not null default now()
);

create table aftersales_requests (
  id               bigint generated always as identity primary key,
  order_id         bigint not null references orders (id),
  order_line_id    bigint references order_lines (id),
  buyer_id         bigint not null references users (id),
  shop_id          bigint not null references shops (id),
  type             text not null check (type in ('refund_only_unshipped', 'refund_only', 'return_refund',
                   'exchange', 'resend', 'guarantee_claim', 'late_shipment_compensation')),
  reason           text not null,
  description      text,
  guarantee_code   text,
  quantity         integer not null check (quantity > 0),
  -- what the buyer asks back, never above what remains refundable on the line
  requested_fen    bigint not null check (requested_fen >= 0),
  -- what was decided to refund or pay (null until decided)
  approved_fen     bigint check (approved_fen >= 0),
  state            text not null check (state in ('pending_merchant', 'awaiting_return', 'return_shipped',
                   'awaiting_reship', 'rejected', 'in_arbitration', 'refunded', 'resolved', 'closed')),
  -- the stored deadline of the current state and what happens when it passes (null when terminal)
  deadline_at      timestamptz,
  deadline_action  text,
  receipt_extended boolean not null default false,
  -- the n-th request on this line (at most policy.maxRequestsPerLine)
  attempt          integer not null default 1 check (attempt >= 1),
  -- decided within the request by a rule (instant refund, lightning return)
  auto_rule        text,
  config_version   integer not null references platform_config_versions (version),
  created_at       timestamptz not null,
  updated_at       timestamptz not null,
  closed_at        timestamptz,
  check ((deadline_at is null) = (deadline_action is null)),
  check ((state in ('refunded', 'resolved', 'closed')) = (deadline_at is null))
);
-- One open request per line at a time.
create unique index aftersales_open_line_idx on aftersales_requests (order_line_id)
  where state not in ('refunded', 'resolved', 'closed');
create index aftersales_order_idx on aftersales_requests (order_id);
create index aftersales_buyer_idx on aftersales_requests (buyer_id, id desc);
-- The merchant inbox: open requests of a shop, most urgent first.
create index aftersales_shop_inbox_idx on aftersales_requests (shop_id, deadline_at, id)
  where deadline_at is not null;
create index aftersales_shop_created_idx on aftersales_requests (shop_id, created_at);

-- The request's timeline: every state change and every decision, with who or which rule made it and
-- why, in plain words for the buyer and the merchant. Append-only.
create table aftersales_events (
  id             bigint generated always as identity primary key,
  request_id     bigint not null references aftersales_requests (id),
  from_state     text,
  to_state       text not null,
  actor_kind     text not null check (actor_kind in ('buyer', 'merchant', 'ops', 'system')),
  actor_id       bigint,
  -- set for an automated decision: the rule that decided, its inputs and the configuration version
  rule           text,
  inputs         jsonb,
  config_version integer references platform_config_versions (version),
  explanation_zh text not null,
  explanation_en text not null,
  at             timestamptz not null
);
create index aftersales_events_request_idx on aftersales_events (request_id, id);

-- Communications a merchant records with the buyer; a refund-only rejection needs one (§5).
create table aftersales_communications (
  id          bigint generated always as identity primary key,
  request_id  bigint not null references aftersales_requests (id),
  recorded_by bigint not null references users (id),
  channel     text not null check (channel in ('phone', 'chat', 'sms', 'other')),
  summary     text not null check (char_length(summary) between 5 and 2000),
  at          timestamptz not null
);
create index aftersales_communications_request_idx on aftersales_communications (request_id, id);

-- Uploaded evidence files (images), stored by the platform.
create table evidence_files (
  id           bigint generated always as identity primary key,
  uploaded_by  bigint not null references users (id),
  content_type text not null check (content_type in ('image/jpeg', 'image/png', 'image/webp')),
  size_bytes   integer not null check (size_bytes > 0),
  sha256       text not null,
  data         bytea not null,
  created_at   timestamptz not null
);

-- Evidence on a request: text, images, or both, from a party.
create table aftersales_evidence (
  id          bigint generated always as identity primary key,
  request_id  bigint not null references aftersales_requests (id),
  party       text not null check (party in ('buyer', 'merchant', 'ops')),
  submitted_by bigint not null references users (id),
  text        text check (char_length(text) between 1 and 2000),
  file_ids    bigint[] not null default '{}',
  at          timestamptz not null,
  check (text is not null or cardinality(file_ids) > 0)
);
create index aftersales_evidence_request_idx on aftersales_evidence (request_id, id);

-- The return parcel: awaiting_shipment → shipped → received | refused.
create table return_shipments (
  id              bigint generated always as identity primary key,
  request_id      bigint not null unique references aftersales_requests (id),
  state           text not null default 'awaiting_shipment'
                  check (state in ('awaiting_shipment', 'shipped', 'received', 'refused')),
  return_address  text not null,
  carrier         text,
  tracking_number text,
  shipped_at      timestamptz,
  received_at     timestamptz,
  updated_at      timestamptz not null
);

-- The replacement parcel of an exchange or a resend.
create table reshipments (
  id              bigint generated always as identity primary key,
  request_id      bigint not null unique references aftersales_requests (id),
  carrier         text not null,
  tracking_number text not null,
  shipped_by      bigint not null references users (id),
  shipped_at      timestamptz not null
);

-- Arbitration: awaiting_evidence (merchant, 48 h) → awaiting_decision (ops) → decided.
create table arbitrations (
  id             bigint generated always as identity primary key,
  request_id     bigint not null unique references aftersales_requests (id),
  state          text not null check (state in ('awaiting_evidence', 'awaiting_decision', 'decided')),
  opened_by      text not null check (opened_by in ('buyer', 'merchant', 'system')),
  evidence_due_at timestamptz not null,
  outcome        text check (outcome in ('full', 'partial', 'reject')),
  awarded_fen    bigint check (awarded_fen >= 0),
  counterfeit    boolean not null default false,
  reason         text,
  decided_by     bigint references users (id),
  decided_at     timestamptz,
  created_at     timestamptz not null,
  check ((state = 'decided') = (outcome is not null))
);
create index arbitrations_queue_idx on arbitrations (state, evidence_due_at, id) where state <> 'decided';

-- Refunds now say where their money came from: escrow (the order is not settled: settlement takes
-- them off), or money moved back into escrow first (clawed back from a settled order, or paid from
-- the merchant's deposit by the platform). Settlement subtracts only the escrow ones.
alter table refunds add column source text not null default 'escrow' check (source in ('escrow', 'clawback', 'deposit'));
alter table refunds add column order_line_id bigint references order_lines (id);
create index refunds_line_idx on refunds (order_line_id) where order_line_id is not null;

-- Money a merchant is charged (compensation, premiums, clawbacks): from the available balance first,
-- then the deposit; what neither holds is covered by the platform guarantee fund. One per cause.
create table merchant_charges (
  id              bigint generated always as identity primary key,
  shop_id         bigint not null references shops (id),
  order_id        bigint references orders (id),
  kind            text not null check (kind in ('refund_clawback', 'compensation', 'freight_premium')),
  amount_fen      bigint not null check (amount_fen > 0),
  from_available_fen bigint not null check (from_available_fen >= 0),
  from_deposit_fen   bigint not null check (from_deposit_fen >= 0),
  -- not collected from the merchant: covered by the platform (or waived, for a premium)
  uncollected_fen    bigint not null check (uncollected_fen >= 0),
  cause_type      text not null,
  cause_id        bigint not null,
  at              timestamptz not null,
  check (from_available_fen + from_deposit_fen + uncollected_fen = amount_fen),
  unique (cause_type, cause_id)
);
create index merchant_charges_shop_idx on merchant_charges (shop_id, id);

-- Compensation paid to buyers beyond refunds: late or fake shipment, 假一赔十, return freight.
create table compensations (
  id          bigint generated always as identity primary key,
  order_id    bigint not null references orders (id),
  buyer_id    bigint not null references users (id),
  shop_id     bigint not null references shops (id),
  request_id  bigint references aftersales_requests (id),
  kind        text not null check (kind in ('late_shipment', 'fake_shipment', 'logistics_stall', 'fake_pays_n', 'return_freight')),
  amount_fen  bigint not null check (amount_fen > 0),
  -- who bears it: the merchant (charged) or the platform guarantee fund
  payer       text not null check (payer in ('merchant', 'platform')),
  rule        text not null,
  inputs      jsonb not null,
  config_version integer not null references platform_config_versions (version),
  at          timestamptz not null,
  unique (order_id, kind)
);
create index compensations_buyer_idx on compensations (buyer_id, kind, at);

-- Freight insurance premiums, one per insured order, charged at shipment.
create table freight_premiums (
  order_id   bigint primary key references orders (id),
  shop_id    bigint not null references shops (id),
  premium_fen bigint not null check (premium_fen > 0),
  return_rate_bp integer not null,
  config_version integer not null references platform_config_versions (version),
  at         timestamptz not null
);

-- Labels on buyers that rules read (high_refund loses instant refund and lightning return), with why.
create table buyer_labels (
  buyer_id   bigint not null references users (id),
  label      text not null check (label in ('high_refund')),
  inputs     jsonb not null,
  config_version integer references platform_config_versions (version),
  set_by     text not null check (set_by in ('system', 'ops')),
  set_at     timestamptz not null,
  primary key (buyer_id, label)
);

-- Products detected for freight abuse (薅运费): their no-quality returns leave the merchant's metrics.
create table freight_abuse_products (
  product_id bigint primary key references products (id),
  inputs     jsonb not null,
  detected_at timestamptz not null
);

alter table fulfilment_incidents drop constraint fulfilment_incidents_kind_check;
alter table fulfilment_incidents add constraint fulfilment_incidents_kind_check
  check (kind in ('ship_by_missed', 'parcel_lost', 'fake_shipment', 'tracking_stalled'));
