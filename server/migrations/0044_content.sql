-- Content surfaces the trust checkpoints screen (DOMAIN.md §6): live comments, product reviews and
-- short videos. Each row keeps the screening decision that let it through or held it back; hidden
-- content is never shown to others.

create table live_comments (
  id            bigint generated always as identity primary key,
  session_id    bigint not null references live_sessions (id),
  user_id       bigint not null references users (id),
  text          text not null check (char_length(text) between 1 and 200),
  state         text not null default 'visible' check (state in ('visible', 'hidden')),
  hidden_reason text,
  -- the trust engine's decision on this text, when the gate made one
  decision_id   bigint,
  created_at    timestamptz not null default now(),
  check ((state = 'hidden') = (hidden_reason is not null))
);
-- The room's feed: visible comments after a cursor.
create index live_comments_feed_idx on live_comments (session_id, id) where state = 'visible';
create index live_comments_decision_idx on live_comments (decision_id) where decision_id is not null;

create table reviews (
  id                bigint generated always as identity primary key,
  order_id          bigint not null references orders (id),
  -- once per order line
  order_line_id     bigint not null unique references order_lines (id),
  product_id        bigint not null references products (id),
  shop_id           bigint not null references shops (id),
  buyer_id          bigint not null references users (id),
  rating            smallint not null check (rating between 1 and 5),
  text              text not null check (char_length(text) between 1 and 500),
  evidence_file_ids bigint[] not null default '{}',
  -- flagged: held for an ops review (screening said review, or a merchant's report was upheld pending)
  state             text not null default 'visible' check (state in ('visible', 'hidden', 'flagged')),
  hidden_reason     text,
  decision_id       bigint,
  created_at        timestamptz not null default now(),
  check ((state = 'visible') = (hidden_reason is null))
);
create index reviews_product_idx on reviews (product_id, id) where state = 'visible';
create index reviews_buyer_idx on reviews (buyer_id, id);
create index reviews_decision_idx on reviews (decision_id) where decision_id is not null;

-- A merchant's report of a malicious review (职业差评师, extortion), with evidence, for ops.
create table review_reports (
  id                bigint generated always as identity primary key,
  review_id         bigint not null references reviews (id),
  shop_id           bigint not null references shops (id),
  reporter_id       bigint not null references users (id),
  reason            text not null check (reason in ('extortion', 'fake_experience', 'competitor', 'abusive', 'other')),
  text              text not null,
  evidence_file_ids bigint[] not null default '{}',
  state             text not null default 'open' check (state in ('open', 'upheld', 'dismissed')),
  decided_by        bigint references users (id),
  decided_at        timestamptz,
  decision_note     text,
  created_at        timestamptz not null default now(),
  check ((state = 'open') = (decided_at is null))
);
-- One open report per review at a time: ops decide it before the next.
create unique index review_reports_one_open_idx on review_reports (review_id) where state = 'open';
create index review_reports_queue_idx on review_reports (state, id);

create table videos (
  id            bigint generated always as identity primary key,
  author_id     bigint not null references users (id),
  -- set when a merchant posts for a shop
  shop_id       bigint references shops (id),
  product_id    bigint references products (id),
  caption       text not null check (char_length(caption) between 1 and 300),
  video_url     text check (video_url like 'https://%'),
  state         text not null default 'visible' check (state in ('visible', 'hidden', 'flagged')),
  hidden_reason text,
  decision_id   bigint,
  created_at    timestamptz not null default now(),
  check ((state = 'visible') = (hidden_reason is null))
);
create index videos_author_idx on videos (author_id, id);
create index videos_decision_idx on videos (decision_id) where decision_id is not null;
