-- Issue 17: the default lexicon grew (new categories, evasions, testimonials, negation-aware terms).
-- Defaults are written by the server the first time a database's lexicon is read (0041); a database
-- whose lexicon ops never touched (still version 1, every term a default, none removed) is put back
-- to version 0 so the server writes the new defaults on its next read. A lexicon ops have edited is
-- theirs: it is left as it is (ops add the new terms from the lexicon page).
with untouched as (
  select 1
  from screening_lexicon l
  where l.version = 1
    and not exists (select 1 from screening_terms t where t.created_by is not null or t.removed_in is not null)
)
delete from screening_terms where exists (select 1 from untouched);

update screening_lexicon
set version = 0, updated_at = now()
where version = 1
  and not exists (select 1 from screening_terms);
