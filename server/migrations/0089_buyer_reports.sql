-- Buyer reports (product rules §8.7): a buyer reports a live room, a product, a live comment, a review
-- or a shop with a reason and evidence; ops uphold (with an effect on the subject) or dismiss it, and
-- the reporter is told. One open report per reporter and subject.
create table buyer_reports (
  id                bigint generated always as identity primary key,
  reporter_id       bigint not null references users (id),
  subject_type      text not null
                    check (subject_type in ('live_session', 'product', 'live_comment', 'review', 'shop')),
  subject_id        bigint not null,
  -- the shop behind the subject when there is one (a creator's own room has none): the trust signal's key
  shop_id           bigint references shops (id),
  reason            text not null,
  text              text not null default '' check (char_length(text) <= 500),
  evidence_file_ids bigint[] not null default '{}',
  state             text not null default 'open' check (state in ('open', 'upheld', 'dismissed')),
  decided_by        bigint references users (id),
  decided_at        timestamptz,
  decision_note     text,
  -- what upholding did: hidden, sent_to_review, violation
  effect            text check (effect in ('hidden', 'sent_to_review', 'violation')),
  violation_id      bigint,
  created_at        timestamptz not null,
  check ((state = 'open') = (decided_at is null)),
  check ((state = 'upheld') = (effect is not null))
);
create unique index buyer_reports_one_open_idx on buyer_reports (reporter_id, subject_type, subject_id)
  where state = 'open';
-- the ops queue groups open reports by subject, oldest first
create index buyer_reports_subject_idx on buyer_reports (subject_type, subject_id, state);
create index buyer_reports_state_idx on buyer_reports (state, created_at);
create index buyer_reports_reporter_idx on buyer_reports (reporter_id, id);
