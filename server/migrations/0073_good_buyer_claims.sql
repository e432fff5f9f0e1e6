-- Good-buyer tier (product rules §7.6): a guarantee claim keeps the buyer's tier when it was opened,
-- so the claim success rate of good buyers against others is measured on what the decision saw.
-- Null: opened before the tier existed, or not a guarantee claim.
alter table aftersales_requests
  add column buyer_tier text check (buyer_tier in ('good', 'standard'));
