-- Issue 13: every number of product rules §2–§6 lives in the versioned configuration
-- (platform_config_versions.policy now holds sections: marketplace, deposits, aftersales, governance;
-- older versions hold the after-sales section alone and are read as such).

-- A violation records the configuration version its treatment used (fix window, first-offence
-- lookback, points window and milestones). Null for violations recorded before this migration.
alter table governance_violations add column config_version integer;

-- Points milestones are configuration (governance.restrictionMilestones, governance.closureAtPoints),
-- no longer the fixed 12/24/36/48.
alter table governance_penalties drop constraint governance_penalties_milestone_check;
alter table governance_penalties add constraint governance_penalties_milestone_check
  check (milestone between 1 and 1000);
