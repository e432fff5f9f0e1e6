-- Timelines of governance records and of the trust engine's review cases: every state a violation,
-- penalty, appeal or case enters is written here by the one store that moves it (its machine checked
-- first), so "who changed what, when and why" no longer rests on the last-write columns.

-- One timeline per violation: its own moves and those of its penalties and appeals.
create table governance_events (
  id           bigint generated always as identity primary key,
  violation_id bigint not null references governance_violations (id),
  record       text not null check (record in ('violation', 'penalty', 'appeal')),
  record_id    bigint not null,
  from_state   text,
  to_state     text not null,
  actor_id     bigint references users (id),
  note         text not null check (char_length(note) between 1 and 4000),
  at           timestamptz not null
);
create index governance_events_violation_idx on governance_events (violation_id, id);

-- A case's moves: opened by a review decision, assigned (again: reassigned), resolved.
create table trust_case_events (
  id          bigint generated always as identity primary key,
  case_id     bigint not null references trust_cases (id),
  from_state  text,
  to_state    text not null,
  assignee    bigint references users (id),
  actor_id    bigint references users (id),
  note        text not null check (char_length(note) between 1 and 4000),
  at          timestamptz not null
);
create index trust_case_events_case_idx on trust_case_events (case_id, id);
