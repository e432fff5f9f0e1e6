-- The host's live console asks every few seconds what its session sold (orders of the room).
create index orders_live_session_idx on orders (live_session_id) where live_session_id is not null;
