-- Issue 17: three more screening categories (vulgarity and abuse, fake giveaways 虚构福利, high-price
-- recycling scams 高价回收). The inline check of 0041 is named by PostgreSQL's default.
alter table screening_terms drop constraint screening_terms_category_check;
alter table screening_terms add constraint screening_terms_category_check check (category in (
  'off_platform', 'false_advertising', 'medical_claim', 'absolute_terms', 'hype', 'extortion',
  'vulgarity', 'fake_giveaway', 'recycling_scam'));
