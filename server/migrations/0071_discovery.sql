-- Discovery (DOMAIN.md §7 traffic allocation): ranked search, home feed and live discovery.

-- Catalog's search side: the title, brand and category name segmented into words by jieba
-- (@node-rs/jieba, in the application) and stored as a 'simple' tsvector; PostgreSQL has no Chinese
-- parser of its own. Written by catalog with the title; rows of before are filled on start.
alter table products add column search_tsv tsvector;
create index products_search_idx on products using gin (search_tsv);

-- The static part of each rank, with every input and the factor it gave, so that a result explains
-- its position from what it was ranked by. Per shop (trust, demotion, new merchant) and per listed
-- product (quality, and static_score = product factors × its shop's factor, ordered by an index).
-- Refreshed for everything by a periodic deadline and for a shop at once when one of its signals
-- changes (a traffic_limit penalty, in the penalty's own transaction). Relevance and growth boosts
-- are applied per request.
create table discovery_shop_ranks (
  shop_id               bigint primary key references shops (id),
  shop_score            numeric(3, 2),
  score_band            text not null,
  score_factor          double precision not null,
  trust_badge           boolean not null,
  badge_factor          double precision not null,
  quality_refund_bp     integer,
  quality_refund_factor double precision not null,
  repeat_bp         integer,
  repeat_factor         double precision not null,
  traffic_limited       boolean not null,
  traffic_factor        double precision not null,
  new_merchant          boolean not null,
  new_merchant_factor   double precision not null,
  shop_factor           double precision not null,
  config_version        integer not null,
  refreshed_at          timestamptz not null
);

create table discovery_product_ranks (
  product_id          bigint primary key references products (id),
  shop_id             bigint not null references shops (id),
  recent_units           integer not null,
  sales_factor        double precision not null,
  rating              numeric(2, 1),
  rating_count        integer not null,
  rating_factor       double precision not null,
  completeness_bp     integer not null,
  completeness_factor double precision not null,
  product_factor      double precision not null,
  -- product_factor × the shop's shop_factor: the index orders the home feed by it
  static_score        double precision not null,
  config_version      integer not null,
  refreshed_at        timestamptz not null
);
create index discovery_product_ranks_score_idx on discovery_product_ranks (static_score desc, product_id desc);
create index discovery_product_ranks_sales_idx on discovery_product_ranks (recent_units desc, product_id desc);
create index discovery_product_ranks_shop_idx on discovery_product_ranks (shop_id);

-- Every ranked response's items, with position, surface and the signal buckets the report groups by.
-- Written in batches off the request's path.
create table discovery_impressions (
  id               bigint generated always as identity primary key,
  request_id       uuid not null,
  surface          text not null check (surface in ('search', 'home', 'live', 'shop')),
  position         integer not null check (position >= 1),
  product_id       bigint references products (id),
  live_session_id  bigint references live_sessions (id),
  shop_id          bigint references shops (id),
  user_id          bigint references users (id),
  score            double precision not null,
  trust_badge      boolean not null,
  score_band       text not null,
  boosted          boolean not null,
  traffic_limited  boolean not null,
  config_version   integer not null,
  -- the explanation as shown ([{ signal, value, factor }]), kept as it was at the time
  parts            jsonb not null,
  at               timestamptz not null,
  check ((product_id is null) <> (live_session_id is null))
);
create index discovery_impressions_request_idx on discovery_impressions (request_id, position);
create index discovery_impressions_at_idx on discovery_impressions (at);

-- A buyer (or an anonymous visitor) opened an item of a ranked response.
create table discovery_clicks (
  id               bigint generated always as identity primary key,
  request_id       uuid not null,
  position         integer not null check (position >= 1),
  user_id          bigint references users (id),
  at               timestamptz not null,
  unique (request_id, position)
);
create index discovery_clicks_at_idx on discovery_clicks (at);
