-- Issue 18: a velocity counter row of a busy entity (one shop's listings, one sku's orders) was
-- upserted by every event of that entity and stayed locked until its transaction committed, so the
-- entity's events ran one at a time. A bucket may now be split over slots: a writer takes the first
-- slot no other open transaction is writing (counters.service.ts), readers sum the slots. An entity
-- without concurrent writers keeps one row per hour (slot 0).
alter table trust_counters add column slot smallint not null default 0 check (slot between 0 and 15);
alter table trust_counters drop constraint trust_counters_pkey;
alter table trust_counters add primary key (entity_type, entity_value, counter, bucket_start, slot);
