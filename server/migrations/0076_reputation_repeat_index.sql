-- The repeat-customer index (回头客指数, orders' repeatCustomerIndex) at the score's recompute: buyers
-- who bought again within 30 days, basis points; null without a cohort. Ranking reads it with the score.
alter table shop_reputation
  add column repeat30_bp integer check (repeat30_bp between 0 and 10000);
