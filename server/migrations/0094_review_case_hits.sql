-- Issue 17: one open review case per checkpoint, rule and case subject (the buyer or shop a velocity
-- rule counts, else the decision's subject); later review decisions of the same rule and subject are
-- hits added to it instead of a case each. A load test where a few buyers placed many orders had
-- opened 85,220 cases, one per order.
alter table trust_cases
  add column rule_id     text,
  add column hit_count   integer not null default 1 check (hit_count >= 1),
  add column last_hit_at timestamptz;
update trust_cases set last_hit_at = opened_at;
alter table trust_cases alter column last_hit_at set not null;

-- The arbiter of `insert … on conflict`: two processes deciding at once join the same case. Cases
-- opened before this migration have no rule and stay one per decision.
create unique index trust_cases_open_key on trust_cases (checkpoint, rule_id, subject_type, subject_id)
  where state <> 'resolved' and rule_id is not null;

-- Every decision that hit a case, with its own subject (the order, the comment): resolving the case
-- decides each hit as resolving its own case did before. A hit decided on its own (ops approved the
-- listing itself) is resolved alone.
create table trust_case_hits (
  id           bigint generated always as identity primary key,
  case_id      bigint not null references trust_cases (id),
  decision_id  bigint not null unique references trust_decisions (id),
  subject_type text not null,
  subject_id   bigint not null,
  at           timestamptz not null,
  resolution   text check (resolution in ('fraud', 'legit')),
  resolved_at  timestamptz,
  check ((resolution is null) = (resolved_at is null))
);
create index trust_case_hits_case_idx on trust_case_hits (case_id, id);
create index trust_case_hits_open_subject_idx on trust_case_hits (subject_type, subject_id)
  where resolved_at is null;

insert into trust_case_hits (case_id, decision_id, subject_type, subject_id, at, resolution, resolved_at)
select id, decision_id, subject_type, subject_id, opened_at, resolution, resolved_at from trust_cases;

-- The review share of each rule (risk.reviewShareAlert) reads a checkpoint's decisions by time.
create index trust_decisions_at_idx on trust_decisions (checkpoint, at) where not shadow;
