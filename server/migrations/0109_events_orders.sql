-- Issue 19: the business events of orders, payments and fulfilment, written into the outbox (0108) by
-- triggers on the tables whose change they are. A trigger sees every path that changes a row (one
-- request, a set-based batch, a deadline), in the transaction that changes it: the event commits or
-- rolls back with its cause. Payloads are the catalog's (server/src/modules/*/…events.ts, tested in
-- test/events.integration.test.ts): camelCase, ids as numbers, money in fen, times ISO 8601 in UTC,
-- and no buyer's personal data (receivers read details through the API with a key).
-- Each trigger function builds its payload from the row alone, without a query, except where the
-- row lacks the shop (payment.captured, payment.refunded).

-- A time as the catalog writes it: ISO 8601 in UTC with milliseconds, as JavaScript's toISOString.
create function xinren_iso(ts timestamptz) returns text language sql stable parallel safe as $$
  select to_char(ts at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')
$$;

-- order.created, order.paid, order.delivered, order.completed, order.cancelled (order.shipped is the
-- shipment's: the shipments row carries the carrier and waybill, written after the order moved).
create function xinren_order_events() returns trigger language plpgsql as $$
begin
  if tg_op = 'INSERT' then
    perform xinren_emit_event('order.created', 1, new.shop_id, 'order:' || new.id, jsonb_build_object(
      'orderId', new.id, 'groupId', new.group_id, 'state', new.state,
      'itemsFen', new.items_fen, 'shippingFen', new.shipping_fen,
      'shopDiscountFen', new.shop_discount_fen, 'platformDiscountFen', new.platform_discount_fen,
      'totalFen', new.total_fen, 'liveSessionId', new.live_session_id,
      'paymentDueAt', xinren_iso(new.payment_due_at), 'createdAt', xinren_iso(new.created_at)),
      new.created_at);
  elsif new.state = 'paid' then
    perform xinren_emit_event('order.paid', 1, new.shop_id, 'order:' || new.id, jsonb_build_object(
      'orderId', new.id, 'totalFen', new.total_fen, 'paidAt', xinren_iso(new.paid_at),
      'shipByAt', xinren_iso(new.ship_by_at)), new.paid_at);
  elsif new.state = 'delivered' then
    perform xinren_emit_event('order.delivered', 1, new.shop_id, 'order:' || new.id, jsonb_build_object(
      'orderId', new.id, 'deliveredAt', xinren_iso(new.delivered_at)), new.delivered_at);
  elsif new.state = 'completed' then
    perform xinren_emit_event('order.completed', 1, new.shop_id, 'order:' || new.id, jsonb_build_object(
      'orderId', new.id, 'completedAt', xinren_iso(new.completed_at)), new.completed_at);
  elsif new.state = 'cancelled' then
    perform xinren_emit_event('order.cancelled', 1, new.shop_id, 'order:' || new.id, jsonb_build_object(
      'orderId', new.id, 'previousState', old.state, 'reason', new.cancel_reason,
      'cancelledAt', xinren_iso(new.cancelled_at)), new.cancelled_at);
  end if;
  return null;
end
$$;

create trigger orders_events_insert after insert on orders
  for each row execute function xinren_order_events();
create trigger orders_events_state after update of state on orders
  for each row when (old.state is distinct from new.state and new.state in ('paid', 'delivered', 'completed', 'cancelled'))
  execute function xinren_order_events();

-- order.shipped: the shipment's row (one per order; every way of shipping writes it).
create function xinren_shipment_events() returns trigger language plpgsql as $$
begin
  perform xinren_emit_event('order.shipped', 1, new.shop_id, 'order:' || new.order_id, jsonb_build_object(
    'orderId', new.order_id, 'shipmentId', new.id, 'carrier', new.carrier,
    'trackingNumber', new.tracking_number, 'shippedAt', xinren_iso(new.shipped_at)), new.shipped_at);
  return null;
end
$$;

create trigger shipments_events after insert on shipments
  for each row execute function xinren_shipment_events();

-- payment.captured: one event per order the payment pays (a payment pays an order group), on that
-- order's resource, so it reaches the order's shop in order with the order's own events.
create function xinren_payment_events() returns trigger language plpgsql as $$
begin
  insert into outbox_events (type, version, shop_id, resource, data, occurred_at)
  select 'payment.captured', 1, o.shop_id, 'order:' || o.id, jsonb_build_object(
      'paymentId', new.id, 'orderId', o.id, 'amountFen', o.total_fen, 'paymentAmountFen', new.amount_fen,
      'provider', new.provider, 'capturedAt', xinren_iso(coalesce(new.completed_at, now()))),
    coalesce(new.completed_at, now())
  from payment_orders po join orders o on o.id = po.order_id
  where po.payment_id = new.id
  order by o.id;
  return null;
end
$$;

create trigger payments_events after update of state on payments
  for each row when (old.state is distinct from new.state and new.state = 'succeeded')
  execute function xinren_payment_events();

-- payment.refunded: a refund the provider paid out.
create function xinren_refund_events() returns trigger language plpgsql as $$
begin
  perform xinren_emit_event('payment.refunded', 1, (select o.shop_id from orders o where o.id = new.order_id),
    'order:' || new.order_id, jsonb_build_object(
      'refundId', new.id, 'paymentId', new.payment_id, 'orderId', new.order_id,
      'orderLineId', new.order_line_id, 'amountFen', new.amount_fen, 'causeType', new.cause_type,
      'causeId', new.cause_id, 'refundedAt', xinren_iso(coalesce(new.completed_at, now()))),
    coalesce(new.completed_at, now()));
  return null;
end
$$;

create trigger refunds_events_insert after insert on refunds
  for each row when (new.state = 'succeeded') execute function xinren_refund_events();
create trigger refunds_events_state after update of state on refunds
  for each row when (old.state is distinct from new.state and new.state = 'succeeded')
  execute function xinren_refund_events();
