-- Issue 19: indexes of the webhook delivery engine (server/src/modules/webhooks/delivery/).
-- Pruning asks "has this event an open delivery?" by outbox id, and finds old rows by time; BRIN
-- indexes on the append-ordered times cost the hot inserts (checkout's events) next to nothing.
create index webhook_deliveries_open_outbox on webhook_deliveries (outbox_id)
  where state in ('pending', 'retrying', 'delivering');
create index webhook_deliveries_created_brin on webhook_deliveries using brin (created_at);
create index outbox_events_occurred_brin on outbox_events using brin (occurred_at);
