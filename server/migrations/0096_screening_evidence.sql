-- Issue 17: what a screening saw when the decision engine held or blocked a text (or found anything in
-- it): the text as screened, the surface, the lexicon entries that fired (each counted or not, and why
-- not), the learned model's scores with the surface's thresholds at the time, and the lexicon and model
-- versions. Ops read this rather than a re-screen with today's lexicon and model. One row per decision.
create table screening_evidence (
  decision_id      bigint primary key references trust_decisions (id),
  checkpoint       text not null,
  subject_type     text not null,
  subject_id       bigint not null,
  outcome          text not null check (outcome in ('allow', 'review', 'block')),
  surface          text not null check (surface in (
                     'live_comment', 'live_title', 'listing', 'review', 'video_caption', 'chat_message')),
  text             text not null,
  risk             text not null check (risk in ('none', 'low', 'medium', 'high')),
  categories       text[] not null,
  lexicon_version  integer not null,
  model_version    text not null,
  -- [{category, term, severity, match, span, counted, notCounted?}]
  hits             jsonb not null,
  -- [{category, score, flagged, high, flagAt, highAt}]
  model            jsonb not null,
  at               timestamptz not null
);
-- the ops view of one text lists its screenings, newest first
create index screening_evidence_subject_idx on screening_evidence (subject_type, subject_id, decision_id desc);
