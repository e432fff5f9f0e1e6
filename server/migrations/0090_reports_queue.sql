-- Buyer reports wait in their own ops queue (product rules §8.7), with its service level and claims.
alter table ops_queue_settings drop constraint ops_queue_settings_queue_check;
alter table ops_queue_settings add constraint ops_queue_settings_queue_check
  check (queue in ('listings', 'merchants', 'content', 'orders', 'aftersales', 'ip_complaints', 'reports'));
insert into ops_queue_settings (queue, sla_minutes) values ('reports', 720);
