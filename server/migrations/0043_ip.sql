-- IP protection (DOMAIN.md §6, 知识产权保护): rights holders certify brands, file complaints against
-- products, certified holders get a fast channel, validated complaints take the product down, and the
-- merchant may counter-notify. A rights holder is a profile on an ordinary buyer account.

create table ip_rights_holders (
  id         bigint generated always as identity primary key,
  user_id    bigint not null unique references users (id),
  name       text not null check (char_length(name) between 1 and 100),
  contact    text not null check (char_length(contact) between 1 and 200),
  created_at timestamptz not null default now()
);

-- A holder's claim on a brand, with the trademark registration and evidence; ops decide.
create table ip_certifications (
  id                bigint generated always as identity primary key,
  holder_id         bigint not null references ip_rights_holders (id),
  brand_id          bigint not null references brands (id),
  trademark_no      text not null,
  evidence_file_ids bigint[] not null check (cardinality(evidence_file_ids) >= 1),
  note              text,
  state             text not null default 'pending' check (state in ('pending', 'certified', 'rejected')),
  decided_by        bigint references users (id),
  decided_at        timestamptz,
  decision_note     text,
  created_at        timestamptz not null default now(),
  check ((state = 'pending') = (decided_at is null))
);
-- One live claim per holder and brand (a rejected one may be filed again).
create unique index ip_certifications_live_idx on ip_certifications (holder_id, brand_id)
  where state in ('pending', 'certified');
create index ip_certifications_queue_idx on ip_certifications (state, id);

create table ip_complaints (
  id                        bigint generated always as identity primary key,
  holder_id                 bigint not null references ip_rights_holders (id),
  product_id                bigint not null references products (id),
  shop_id                   bigint not null references shops (id),
  -- the product's brand when filed; the fast channel needs the holder certified for it
  brand_id                  bigint references brands (id),
  reason                    text not null check (reason in ('counterfeit', 'trademark', 'copyright', 'patent', 'other')),
  text                      text not null,
  evidence_file_ids         bigint[] not null check (cardinality(evidence_file_ids) >= 1),
  channel                   text not null check (channel in ('fast', 'ops')),
  state                     text not null check (state in ('ops_review', 'rejected', 'upheld', 'counter_noticed', 'restored', 'confirmed')),
  -- set when upheld: the merchant may counter-notify until then (durable deadline ip.counter_notice_window)
  counter_notice_due_at     timestamptz,
  counter_text              text,
  counter_evidence_file_ids bigint[],
  counter_by                bigint references users (id),
  counter_at                timestamptz,
  created_at                timestamptz not null default now(),
  updated_at                timestamptz not null default now(),
  check (state not in ('upheld', 'counter_noticed', 'restored') or counter_notice_due_at is not null),
  check ((counter_at is null) = (counter_text is null))
);
-- One open complaint per holder and product.
create unique index ip_complaints_open_idx on ip_complaints (holder_id, product_id)
  where state in ('ops_review', 'upheld', 'counter_noticed');
create index ip_complaints_queue_idx on ip_complaints (state, id);
create index ip_complaints_shop_idx on ip_complaints (shop_id, id);
create index ip_complaints_product_idx on ip_complaints (product_id);

-- The complaint's timeline: what the holder and the merchant are told (the merchant's notice).
create table ip_complaint_events (
  id           bigint generated always as identity primary key,
  complaint_id bigint not null references ip_complaints (id),
  from_state   text,
  to_state     text not null,
  actor_id     bigint references users (id),
  note         text not null,
  at           timestamptz not null
);
create index ip_complaint_events_complaint_idx on ip_complaint_events (complaint_id, id);
