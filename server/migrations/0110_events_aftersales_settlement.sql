-- Issue 19: the business events of after-sales (requests, arbitration) and settlement (settlements,
-- withdrawals, the deposit), written into the outbox by triggers on their tables (see 0109).

-- aftersales.opened (every new request, however it was opened); aftersales.decided (the merchant's
-- answer, or the system's on the merchant's behalf: a request leaves pending_merchant or
-- return_shipped for approval or rejection; a request opened already decided, as 极速退款, too);
-- aftersales.refunded (the request reached `refunded`: its refund was requested from payments, whose
-- own payment.refunded follows when the provider pays out).
create function xinren_aftersales_events() returns trigger language plpgsql as $$
declare
  decided boolean;
begin
  if tg_op = 'INSERT' then
    perform xinren_emit_event('aftersales.opened', 1, new.shop_id, 'aftersales:' || new.id, jsonb_build_object(
      'requestId', new.id, 'orderId', new.order_id, 'orderLineId', new.order_line_id, 'type', new.type,
      'reason', new.reason, 'quantity', new.quantity, 'requestedFen', new.requested_fen,
      'attempt', new.attempt, 'deadlineAt', xinren_iso(new.deadline_at), 'openedAt', xinren_iso(new.created_at)),
      new.created_at);
    decided := new.state in ('refunded', 'awaiting_return', 'awaiting_reship', 'rejected', 'resolved');
  else
    decided := old.state in ('pending_merchant', 'return_shipped')
      and new.state in ('refunded', 'awaiting_return', 'awaiting_reship', 'rejected');
  end if;
  if decided then
    perform xinren_emit_event('aftersales.decided', 1, new.shop_id, 'aftersales:' || new.id, jsonb_build_object(
      'requestId', new.id, 'orderId', new.order_id, 'orderLineId', new.order_line_id, 'type', new.type,
      'decision', case when new.state = 'rejected' then 'rejected' else 'approved' end,
      'previousState', case when tg_op = 'INSERT' then null else old.state end, 'state', new.state,
      'approvedFen', new.approved_fen, 'autoRule', new.auto_rule, 'decidedAt', xinren_iso(new.updated_at)),
      new.updated_at);
  end if;
  if new.state = 'refunded' and (tg_op = 'INSERT' or old.state is distinct from 'refunded') then
    perform xinren_emit_event('aftersales.refunded', 1, new.shop_id, 'aftersales:' || new.id, jsonb_build_object(
      'requestId', new.id, 'orderId', new.order_id, 'orderLineId', new.order_line_id, 'type', new.type,
      'refundFen', coalesce(new.approved_fen, new.requested_fen), 'refundedAt', xinren_iso(new.updated_at)),
      new.updated_at);
  end if;
  return null;
end
$$;

create trigger aftersales_requests_events_insert after insert on aftersales_requests
  for each row execute function xinren_aftersales_events();
create trigger aftersales_requests_events_state after update of state on aftersales_requests
  for each row when (old.state is distinct from new.state
    and new.state in ('refunded', 'awaiting_return', 'awaiting_reship', 'rejected'))
  execute function xinren_aftersales_events();

-- arbitration.decided: ops decided an arbitration of a request (on the request's resource).
create function xinren_arbitration_events() returns trigger language plpgsql as $$
declare
  req record;
begin
  select r.shop_id, r.order_id into req from aftersales_requests r where r.id = new.request_id;
  perform xinren_emit_event('arbitration.decided', 1, req.shop_id, 'aftersales:' || new.request_id,
    jsonb_build_object(
      'arbitrationId', new.id, 'requestId', new.request_id, 'orderId', req.order_id,
      'openedBy', new.opened_by, 'outcome', new.outcome, 'awardedFen', new.awarded_fen,
      'counterfeit', new.counterfeit, 'decidedAt', xinren_iso(coalesce(new.decided_at, now()))),
    coalesce(new.decided_at, now()));
  return null;
end
$$;

create trigger arbitrations_events_insert after insert on arbitrations
  for each row when (new.state = 'decided') execute function xinren_arbitration_events();
create trigger arbitrations_events_state after update of state on arbitrations
  for each row when (old.state is distinct from new.state and new.state = 'decided')
  execute function xinren_arbitration_events();

-- settlement.paid: an order's settlement settled (its merchant share moved to the shop's available
-- balance), whether it settled at once or after a freeze.
create function xinren_settlement_events() returns trigger language plpgsql as $$
begin
  perform xinren_emit_event('settlement.paid', 1, new.shop_id, 'settlement:' || new.id, jsonb_build_object(
    'settlementId', new.id, 'orderId', new.order_id, 'paidFen', new.paid_fen, 'refundedFen', new.refunded_fen,
    'platformCommissionFen', new.platform_commission_fen, 'creatorCommissionFen', new.creator_commission_fen,
    'depositWithheldFen', new.deposit_withheld_fen, 'subsidyFen', new.subsidy_fen,
    'merchantFen', new.merchant_fen, 'settledAt', xinren_iso(coalesce(new.settled_at, now()))),
    coalesce(new.settled_at, now()));
  return null;
end
$$;

create trigger settlements_events_insert after insert on settlements
  for each row when (new.state = 'settled') execute function xinren_settlement_events();
create trigger settlements_events_state after update of state on settlements
  for each row when (old.state is distinct from new.state and new.state = 'settled')
  execute function xinren_settlement_events();

-- withdrawal.paid: the payout's ledger entry is written (the sandbox provider pays at once). A
-- creator's withdrawal has no shop: a platform event.
create function xinren_withdrawal_events() returns trigger language plpgsql as $$
begin
  perform xinren_emit_event('withdrawal.paid', 1, new.shop_id, 'withdrawal:' || new.id, jsonb_build_object(
    'withdrawalId', new.id, 'source', new.source, 'amountFen', new.amount_fen, 'provider', new.provider,
    'paidAt', xinren_iso(new.created_at)), new.created_at);
  return null;
end
$$;

create trigger withdrawals_events after update of ledger_entry_id on withdrawals
  for each row when (old.ledger_entry_id is null and new.ledger_entry_id is not null)
  execute function xinren_withdrawal_events();

-- deposit.changed: every posting to a shop's deposit account (a payment in, a deduction, a withdrawal,
-- a settlement's withholding, a fine, a charge): whatever wrote it, the ledger is where the deposit
-- moves. Only deposit postings reach the function (the WHEN clause), so other postings cost nothing.
create function xinren_deposit_events() returns trigger language plpgsql as $$
declare
  entry record;
  shop bigint := split_part(new.account_code, ':', 2)::bigint;
begin
  select e.kind, e.cause_type, e.cause_id, e.created_at into entry from ledger_entries e where e.id = new.entry_id;
  perform xinren_emit_event('deposit.changed', 1, shop, 'deposit:' || shop, jsonb_build_object(
    'shopId', shop, 'changeFen', new.amount_fen,
    'depositFen', (select coalesce(sum(b.balance_fen), 0) from ledger_balances b where b.account_code = new.account_code),
    'reason', entry.kind, 'causeType', entry.cause_type, 'causeId', entry.cause_id, 'ledgerEntryId', new.entry_id,
    'changedAt', xinren_iso(entry.created_at)), entry.created_at);
  return null;
end
$$;

create trigger ledger_postings_deposit_events after insert on ledger_postings
  for each row when (new.account_code like 'merchant\_deposit:%')
  execute function xinren_deposit_events();
