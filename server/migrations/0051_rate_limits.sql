-- Rate limits shared by every server process: one counter per key (e.g. "login:account:xiao.ming",
-- "login:address:203.0.113.7") for a window that starts at its first hit and ends at resets_at.
-- Counters are bumped by one atomic upsert; a spent window starts again at the next hit.
create table rate_limits (
  key       text primary key,
  hits      int not null check (hits >= 0),
  resets_at timestamptz not null
);

create index rate_limits_resets_at on rate_limits (resets_at);
