-- Issue 19: webhook endpoints, their deliveries and each delivery's attempts (docs/webhooks.md).
-- An endpoint belongs to a shop (its events) or, with shop_id null, to the platform (ops: every shop's
-- events and the platform's own). The delivery engine fans outbox_events out into one delivery per
-- subscribed endpoint and attempts it until it succeeds or gives up after 3 days.
create table webhook_endpoints (
  id                         bigint generated always as identity primary key,
  -- null: a platform endpoint (ops)
  shop_id                    bigint references shops (id),
  url                        text not null,
  description                text not null default '',
  -- catalog types (server/src/events.ts); at least one
  event_types                text[] not null check (cardinality(event_types) >= 1),
  -- machine (endpoint.machine.ts): enabled <-> disabled
  state                      text not null check (state in ('enabled', 'disabled')),
  disabled_reason            text check (disabled_reason in ('by_user', 'failing')),
  -- whsec_<base64 of 24 random bytes>; the previous one signs too until it expires (rotation)
  secret                     text not null,
  previous_secret            text,
  previous_secret_expires_at timestamptz,
  created_by                 bigint not null,
  created_at                 timestamptz not null,
  updated_at                 timestamptz not null,
  -- deleted endpoints keep their log and get no new deliveries
  deleted_at                 timestamptz,
  check ((state = 'disabled') = (disabled_reason is not null)),
  check ((previous_secret is null) = (previous_secret_expires_at is null))
);
-- the fan-out's and the console's lookup: a shop's (or the platform's) live endpoints
create index webhook_endpoints_shop on webhook_endpoints (shop_id, id) where deleted_at is null;

create table webhook_deliveries (
  id                    bigint generated always as identity primary key,
  endpoint_id           bigint not null references webhook_endpoints (id),
  -- outbox_events.id: the order of one resource's events (no foreign key: old events are pruned)
  outbox_id             bigint not null,
  -- evt_…: webhook-id, the same on retries and replays
  event_id              text not null,
  event_type            text not null,
  resource              text not null,
  -- machine (delivery.machine.ts): pending → delivering → succeeded | retrying | failed;
  -- retrying → delivering; delivering → retrying also when a lease expires (crashed deliverer)
  state                 text not null
                          check (state in ('pending', 'delivering', 'retrying', 'succeeded', 'failed')),
  attempts              integer not null default 0 check (attempts >= 0),
  next_attempt_at       timestamptz not null,
  lease_until           timestamptz,
  first_attempt_at      timestamptz,
  delivered_at          timestamptz,
  last_status_code      integer,
  last_latency_ms       integer,
  last_error            text,
  last_response_excerpt text,
  -- a replay is a new delivery of the same event; this names the one it replays
  replay_of             bigint references webhook_deliveries (id),
  created_at            timestamptz not null
);
create index webhook_deliveries_due on webhook_deliveries (state, next_attempt_at)
  where state in ('pending', 'retrying', 'delivering');
create index webhook_deliveries_resource_order on webhook_deliveries (endpoint_id, resource, outbox_id)
  where state in ('pending', 'retrying', 'delivering');
create index webhook_deliveries_log on webhook_deliveries (endpoint_id, id desc);
-- an endpoint's last 24 hours (the console's counts)
create index webhook_deliveries_recent on webhook_deliveries (endpoint_id, created_at);
create index webhook_deliveries_replay_of on webhook_deliveries (replay_of) where replay_of is not null;

create table webhook_attempts (
  id               bigint generated always as identity primary key,
  delivery_id      bigint not null references webhook_deliveries (id),
  -- 1-based
  attempt          integer not null check (attempt >= 1),
  started_at       timestamptz not null,
  status_code      integer,
  latency_ms       integer not null,
  -- the first 1 KB of the answer's body
  response_excerpt text,
  error            text
);
create index webhook_attempts_delivery on webhook_attempts (delivery_id, attempt);
