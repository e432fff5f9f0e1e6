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
-- Orders are written set-based (checkout inserts a batch's orders in one statement, the payment
-- confirmation moves a batch's orders in one): these triggers run once per statement and write the
-- statement's events in one insert from its transition tables (about a third less CPU per event than
-- a trigger per row). PostgreSQL allows no column list with transition tables, so the update trigger
-- runs after every update of orders and keeps only the rows whose state moved.
create function xinren_orders_created() returns trigger language plpgsql as $$
begin
  insert into outbox_events (type, version, shop_id, resource, data, occurred_at)
  select 'order.created', 1, n.shop_id, 'order:' || n.id, jsonb_build_object(
      'orderId', n.id, 'groupId', n.group_id, 'state', n.state,
      'itemsFen', n.items_fen, 'shippingFen', n.shipping_fen,
      'shopDiscountFen', n.shop_discount_fen, 'platformDiscountFen', n.platform_discount_fen,
      'totalFen', n.total_fen, 'liveSessionId', n.live_session_id,
      'paymentDueAt', xinren_iso(n.payment_due_at), 'createdAt', xinren_iso(n.created_at)),
    n.created_at
  from new_orders n
  order by n.id;
  return null;
end
$$;

create function xinren_orders_moved() returns trigger language plpgsql as $$
begin
  insert into outbox_events (type, version, shop_id, resource, data, occurred_at)
  select 'order.' || n.state, 1, n.shop_id, 'order:' || n.id,
    case n.state
      when 'paid' then jsonb_build_object('orderId', n.id, 'totalFen', n.total_fen,
        'paidAt', xinren_iso(n.paid_at), 'shipByAt', xinren_iso(n.ship_by_at))
      when 'delivered' then jsonb_build_object('orderId', n.id, 'deliveredAt', xinren_iso(n.delivered_at))
      when 'completed' then jsonb_build_object('orderId', n.id, 'completedAt', xinren_iso(n.completed_at))
      else jsonb_build_object('orderId', n.id, 'previousState', o.state, 'reason', n.cancel_reason,
        'cancelledAt', xinren_iso(n.cancelled_at))
    end,
    coalesce(case n.state when 'paid' then n.paid_at when 'delivered' then n.delivered_at
      when 'completed' then n.completed_at else n.cancelled_at end, now())
  from new_orders n join old_orders o on o.id = n.id
  where o.state is distinct from n.state and n.state in ('paid', 'delivered', 'completed', 'cancelled')
  order by n.id;
  return null;
end
$$;

create trigger orders_events_insert after insert on orders referencing new table as new_orders
  for each statement execute function xinren_orders_created();
create trigger orders_events_state after update on orders
  referencing old table as old_orders new table as new_orders
  for each statement execute function xinren_orders_moved();

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
-- order's resource, so it reaches the order's shop in order with the order's own events. Payments
-- are confirmed in batches: one insert per statement, as for orders.
create function xinren_payments_captured() returns trigger language plpgsql as $$
begin
  insert into outbox_events (type, version, shop_id, resource, data, occurred_at)
  select 'payment.captured', 1, o.shop_id, 'order:' || o.id, jsonb_build_object(
      'paymentId', n.id, 'orderId', o.id, 'amountFen', o.total_fen, 'paymentAmountFen', n.amount_fen,
      'provider', n.provider, 'capturedAt', xinren_iso(coalesce(n.completed_at, now()))),
    coalesce(n.completed_at, now())
  from new_payments n
  join old_payments p on p.id = n.id
  join payment_orders po on po.payment_id = n.id
  join orders o on o.id = po.order_id
  where n.state = 'succeeded' and p.state is distinct from 'succeeded'
  order by n.id, o.id;
  return null;
end
$$;

create trigger payments_events after update on payments
  referencing old table as old_payments new table as new_payments
  for each statement execute function xinren_payments_captured();

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
