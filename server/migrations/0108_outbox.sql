-- Issue 19: the transactional outbox. Every business event is one row here, written in the
-- transaction that caused it (by a trigger on the owning table, or by `emitEvent` in platform/outbox.ts),
-- so an event exists exactly when its change committed. The webhooks module fans undispatched rows out
-- to the endpoints that subscribe to them and marks them dispatched.
create table outbox_events (
  id            bigint generated always as identity primary key,
  -- the id receivers see (webhook-id): stable across retries and replays
  event_id      text not null unique default ('evt_' || replace(gen_random_uuid()::text, '-', '')),
  type          text not null,
  version       integer not null default 1 check (version >= 1),
  -- the shop the event belongs to; null for platform events (only ops endpoints receive those)
  shop_id       bigint,
  -- 'order:123': deliveries of one resource to one endpoint keep this order
  resource      text not null,
  occurred_at   timestamptz not null default now(),
  data          jsonb not null,
  dispatched_at timestamptz
);

create index outbox_events_undispatched on outbox_events (id) where dispatched_at is null;
create index outbox_events_shop on outbox_events (shop_id, id);
create index outbox_events_type on outbox_events (type, id);

-- The one way SQL writes an event (triggers call it): the same row `emitEvent` writes from TypeScript.
create function xinren_emit_event(
  p_type text, p_version integer, p_shop_id bigint, p_resource text, p_data jsonb,
  p_occurred_at timestamptz default now()
) returns void language sql as $$
  insert into outbox_events (type, version, shop_id, resource, data, occurred_at)
  values (p_type, p_version, p_shop_id, p_resource, p_data, coalesce(p_occurred_at, now()));
$$;
