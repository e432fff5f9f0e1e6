-- Issue 18: two timeline events of every paid order were stored in one shape each: "placed" (buyer,
-- at created_at) and "payment received" (provider, at paid_at). They are now read from the order row
-- (orders/order-timeline.rule.ts), so checkout and its confirmation write a row and two index entries
-- fewer per order each; the stored copies go, or they would show twice.
delete from order_events where from_state is null and to_state = 'pending_payment';
delete from order_events where from_state = 'pending_payment' and to_state = 'paid';

-- A capture's postings are inserted by the statement that inserts their entry (ledger/post-entries.service.ts,
-- post-entry.service.ts), and entries are never deleted: the per-row check of this key ran twice per
-- order in the confirmation batch for nothing. `ledger:check` still proves every entry balances.
alter table ledger_postings drop constraint ledger_postings_entry_id_fkey;
