-- Ops triage: each queue's service level (how long an item may wait before it is overdue), set by
-- rule admins, and who holds (has claimed) an item of a queue.
create table ops_queue_settings (
  queue       text primary key
              check (queue in ('listings', 'merchants', 'content', 'orders', 'aftersales', 'ip_complaints')),
  sla_minutes int not null check (sla_minutes between 1 and 43200),
  updated_by  bigint references users (id),
  updated_at  timestamptz not null default now()
);

insert into ops_queue_settings (queue, sla_minutes) values
  ('listings', 240),
  ('merchants', 1440),
  ('content', 30),
  ('orders', 60),
  ('aftersales', 240),
  ('ip_complaints', 1440);

-- One holder per item; a reviewer takes an item over by replacing the row.
create table ops_claims (
  queue        text not null references ops_queue_settings (queue),
  subject_type text not null,
  subject_id   bigint not null,
  holder_id    bigint not null references users (id),
  claimed_by   bigint not null references users (id),
  claimed_at   timestamptz not null,
  primary key (queue, subject_type, subject_id)
);
