-- Audience (issue 14, DOMAIN.md §9, product rules §9 "Audience and the live room"): follows of shops
-- and hosts, the notification inbox; and the live room's counters: likes, peak viewers, the featured
-- product (讲解中), viewers' join/leave records and each server process's presence per room.

create table follows (
  follower_id bigint not null references users (id),
  -- a shop (shops.id) or a host (users.id of a creator or merchant); checked by the audience module
  target_kind text not null check (target_kind in ('shop', 'host')),
  target_id   bigint not null,
  created_at  timestamptz not null default now(),
  primary key (follower_id, target_kind, target_id)
);
-- Followers of a target (counts, the merchant's list newest first, the go-live fan-out).
create index follows_target_idx on follows (target_kind, target_id, created_at desc);

create table notifications (
  id         bigint generated always as identity primary key,
  user_id    bigint not null references users (id),
  kind       text not null check (kind ~ '^[a-z_]{1,40}$'),
  payload    jsonb not null default '{}',
  created_at timestamptz not null default now(),
  read_at    timestamptz
);
create index notifications_user_idx on notifications (user_id, id desc);
create index notifications_unread_idx on notifications (user_id) where read_at is null;

alter table live_sessions
  add column likes bigint not null default 0 check (likes >= 0),
  -- the most viewers counted at once (max of the observed current counts)
  add column peak_viewers integer not null default 0 check (peak_viewers >= 0),
  -- 讲解中: a product pinned in the session, or null
  add column featured_product_id bigint references products (id),
  add column featured_at timestamptz;

-- One row per event stream opened on a room: who (a user id or the client's anonymous id), through
-- which server process, from when to when (left_at null while open).
create table live_views (
  id         bigint generated always as identity primary key,
  session_id bigint not null references live_sessions (id),
  viewer_key text not null check (char_length(viewer_key) between 1 and 80),
  process_id text not null check (char_length(process_id) between 1 and 64),
  joined_at  timestamptz not null default now(),
  left_at    timestamptz,
  check (left_at is null or left_at >= joined_at)
);
create index live_views_session_idx on live_views (session_id, viewer_key);
create index live_views_open_idx on live_views (process_id, session_id) where left_at is null;

-- Each server process's viewers per room, refreshed every few seconds; a row not refreshed within
-- the stale window belongs to a process that died and is ignored (then removed, its views closed).
create table live_presence (
  process_id text not null check (char_length(process_id) between 1 and 64),
  session_id bigint not null references live_sessions (id),
  viewers    integer not null check (viewers >= 0),
  beat_at    timestamptz not null default now(),
  primary key (process_id, session_id)
);
create index live_presence_session_idx on live_presence (session_id);
