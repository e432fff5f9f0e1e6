-- Voice of the user (product rules §8.4): order-linked feedback — reviews, buyers' chat messages,
-- after-sales reasons and complaints (arbitrations a buyer opened) — classified into topics, one row
-- per piece of feedback that names at least one topic; each source is read incrementally by its cursor.

create table voice_cursors (
  source     text primary key check (source in ('review', 'chat', 'aftersales', 'complaint')),
  -- the last id of the source's records read (the feed is ordered by id)
  last_id    bigint not null default 0,
  -- records read, and of those the ones that named a topic
  read_count bigint not null default 0,
  topical    bigint not null default 0,
  updated_at timestamptz not null
);

create table voice_feedback (
  id         bigint generated always as identity primary key,
  source     text not null check (source in ('review', 'chat', 'aftersales', 'complaint')),
  source_id  bigint not null,
  shop_id    bigint not null references shops (id),
  order_id   bigint,
  product_id bigint,
  sku_id     bigint,
  -- the product title and spec of the order line as bought (a snapshot, so reads join nothing)
  item       text,
  buyer_id   bigint,
  -- what the buyer wrote, as written (empty for an after-sales request with no description)
  text       text not null,
  reason     text,
  rating     integer check (rating between 1 and 5),
  topics     text[] not null check (cardinality(topics) between 1 and 5),
  -- the local (Asia/Shanghai) day the buyer gave it
  day        date not null,
  at         timestamptz not null,
  unique (source, source_id)
);
create index voice_feedback_day_idx on voice_feedback (day);
create index voice_feedback_shop_day_idx on voice_feedback (shop_id, day);
create index voice_feedback_topics_idx on voice_feedback using gin (topics);
