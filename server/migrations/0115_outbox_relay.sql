-- Issue 20: the outbox over NATS JetStream (docs/webhooks.md "With NATS"). With NATS_URL set, a relay
-- publishes committed outbox events to the stream XINREN_OUTBOX and then marks them relayed; the
-- stream's durable consumer `webhooks` fans them out into deliveries and marks them dispatched.
-- Without NATS the column stays null and nothing reads it.
alter table outbox_events add column relayed_at timestamptz;

-- The relay's next batch is the oldest rows with neither mark: they are a subset of the rows the
-- partial index outbox_events_undispatched (0108) already holds, and the relayed-but-undispatched rows
-- it skips are only the few the consumer has not acknowledged yet. So no new index: every index of
-- the outbox is paid by checkout's inserts (see 0111), and setting relayed_at touches no index
-- (a HOT update).
