-- Durable deadlines: every "if nothing happens by T, do X" of the platform (DOMAIN.md §3, §5).
-- A row is written in the same transaction as the business change that sets the deadline, and fired
-- by the DeadlineRunner (server/src/platform/scheduler) exactly once.

create table deadlines (
  id         bigint generated always as identity primary key,
  -- '<module>.<action>', e.g. 'orders.cancel_unpaid'; a kind always names one type of subject.
  kind       text not null check (kind <> ''),
  subject_id bigint not null,
  due_at     timestamptz not null,
  status     text not null default 'pending' check (status in ('pending', 'done', 'cancelled', 'failed')),
  -- failed handler runs so far; the row turns 'failed' after the runner's maximum.
  attempts   integer not null default 0 check (attempts >= 0),
  last_error text,
  fired_at   timestamptz,
  created_at timestamptz not null default now(),
  check ((status = 'done') = (fired_at is not null))
);

-- At most one pending deadline per (kind, subject): scheduling twice is a no-op.
create unique index deadlines_pending_subject_idx on deadlines (kind, subject_id) where status = 'pending';
-- Claiming scans due pending rows in due order; done rows never enter this index.
create index deadlines_pending_due_idx on deadlines (due_at) where status = 'pending';
