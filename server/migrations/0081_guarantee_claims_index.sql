-- The ops claim-success report reads guarantee claims by the time they were opened.
create index aftersales_guarantee_claims_idx on aftersales_requests (created_at)
  where type = 'guarantee_claim';
