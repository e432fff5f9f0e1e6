-- The video of a live room: the address of its HLS playlist, set by the host (null: no stream
-- configured; the room shows a placeholder).
alter table live_sessions
  add column stream_url text check (stream_url ~ '^https?://[^\s]+$' and length(stream_url) <= 2000);
