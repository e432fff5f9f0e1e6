-- Issue 18: a review decision joining an open case no longer updates the case row (one shop's burst
-- of listings queued on it until each commit); a case's hit count and last hit are counted from its
-- rows of trust_case_hits when read.
alter table trust_cases drop column hit_count, drop column last_hit_at;
