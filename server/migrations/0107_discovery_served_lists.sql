-- Issue 18: impressions (product rules §7.4) were one row per item of every ranked answer: 20–40 rows
-- per search or live list, the answer's whole cost once the answer itself comes from the read cache.
-- Now a ranked list is stored once as served (its items with positions, scores and parts), and each
-- answer is one row naming the list it showed, to whom and when. The report reads both forms.
create table discovery_served_lists (
  id             bigint generated always as identity primary key,
  surface        text not null check (surface in ('search', 'home', 'live', 'shop')),
  config_version integer not null,
  -- when it was first served
  at             timestamptz not null
);

create table discovery_served_items (
  list_id          bigint not null references discovery_served_lists (id),
  position         integer not null check (position >= 1),
  product_id       bigint references products (id),
  live_session_id  bigint references live_sessions (id),
  shop_id          bigint references shops (id),
  score            double precision not null,
  trust_badge      boolean not null,
  score_band       text not null,
  boosted          boolean not null,
  traffic_limited  boolean not null,
  -- the explanation as shown ([{ signal, value, factor }]), kept as it was at the time
  parts            jsonb not null,
  primary key (list_id, position),
  check ((product_id is null) <> (live_session_id is null))
);

-- One row per ranked answer. No foreign keys on this hot, append-only log: the list is written before
-- its first answer by the same writer, and a key check would lock the list's row for every answer.
create table discovery_responses (
  request_id uuid primary key,
  list_id    bigint not null,
  user_id    bigint,
  at         timestamptz not null
);
create index discovery_responses_at_idx on discovery_responses (at);
