-- Live rooms (DOMAIN.md §2): who ended a session, the end invariants, and one live session per host.

alter table live_sessions add column ended_by bigint references users (id);

alter table live_sessions
  add constraint live_sessions_ended_at_check
    check ((state in ('ended', 'terminated')) = (ended_at is not null)),
  add constraint live_sessions_started_at_check
    check (state = 'scheduled' or started_at is not null),
  add constraint live_sessions_terminated_reason_check
    check (state <> 'terminated' or end_reason is not null);

-- A host is live at most once at a time, also when two starts race: a creator's own room is keyed by
-- the creator, a shop's room by the shop.
create unique index live_sessions_one_live_creator_idx on live_sessions (host_user_id)
  where state = 'live' and shop_id is null;
create unique index live_sessions_one_live_shop_idx on live_sessions (shop_id)
  where state = 'live' and shop_id is not null;

-- "My sessions" of a merchant: every session of the shops they belong to.
create index live_sessions_shop_idx on live_sessions (shop_id, id) where shop_id is not null;
