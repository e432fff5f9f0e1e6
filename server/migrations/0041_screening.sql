-- Text screening lexicon (DOMAIN.md §6: "Lexicons are data editable by ops").
--
-- The default terms are not inserted here: they live in
-- src/modules/trust/screening/default-lexicon.txt and are written by the server the first time a
-- database's lexicon is read (version 0 → 1), so the list has one home and stays readable.
-- Every change by ops bumps the lexicon version; each server process recompiles its screener when
-- it sees a new version.

create table screening_lexicon (
  singleton  boolean primary key default true check (singleton),
  -- 0 until the defaults are written
  version    integer not null check (version >= 0),
  updated_at timestamptz not null default now()
);
insert into screening_lexicon (singleton, version) values (true, 0);

-- Terms are never updated: a change is a new row, a removal marks the row (kept for audit).
create table screening_terms (
  id         bigint generated always as identity primary key,
  term       text not null check (char_length(term) between 1 and 500),
  kind       text not null check (kind in ('literal', 'pattern')),
  category   text not null check (category in ('off_platform', 'false_advertising', 'medical_claim',
             'absolute_terms', 'hype', 'extortion')),
  severity   text not null check (severity in ('low', 'high')),
  lang       text not null check (lang in ('zh', 'en')),
  -- the lexicon version that added it and, once removed, the one that removed it
  added_in   integer not null check (added_in >= 1),
  removed_in integer check (removed_in > added_in),
  created_by bigint references users (id),
  created_at timestamptz not null default now(),
  removed_by bigint references users (id),
  removed_at timestamptz,
  check ((removed_in is null) = (removed_at is null))
);
-- One live entry per term in a category.
create unique index screening_terms_live_idx on screening_terms (category, kind, term) where removed_in is null;
