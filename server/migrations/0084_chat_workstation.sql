-- Product rules §8.2: the workstation's waiting list (queued sessions of a shop, longest waiting first)
-- and the agent's own open sessions are read on every inbox load.
create index chat_sessions_queued_idx on chat_sessions (shop_id, handed_off_at) where state = 'queued';
