-- Merchant onboarding (DOMAIN.md §3, §6): every new shop is decided by the trust engine's
-- merchant_onboarding checkpoint and gets a risk tier that sets its probation limits.
-- Shops opened before this check keep the lowest tier.
alter table shops
  add column risk_tier text not null default 'low' check (risk_tier in ('low', 'medium', 'high')),
  -- the onboarding decision the tier came from (null for shops opened before the check)
  add column onboarding_decision_id bigint references trust_decisions (id);
