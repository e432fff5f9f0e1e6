-- Fulfilment (DOMAIN.md §2): shipments of paid orders, their tracking timeline, and the promises the
-- platform saw broken (ship-by missed, parcel lost), which after-sales pays compensation from.

create table shipments (
  id              bigint generated always as identity primary key,
  -- one shipment per order
  order_id        bigint not null unique references orders (id),
  shop_id         bigint not null references shops (id),
  carrier         text not null check (carrier in ('sf', 'zto', 'yto', 'sto', 'yunda', 'jd', 'ems', 'sandbox')),
  tracking_number text not null check (tracking_number ~ '^[A-Za-z0-9]{8,30}$'),
  -- the latest tracking event; the full history is shipment_events
  status          text not null default 'created'
                  check (status in ('created', 'picked_up', 'in_transit', 'delivered', 'lost')),
  shipped_by      bigint not null references users (id),
  shipped_at      timestamptz not null,
  updated_at      timestamptz not null
);
-- A waybill belongs to one parcel: the same number on a second order is a fake shipment (§5).
create unique index shipments_waybill_idx on shipments (carrier, tracking_number);
create index shipments_shop_idx on shipments (shop_id, id desc);

-- The tracking timeline buyers and merchants see, in the order the carrier reported it.
create table shipment_events (
  id          bigint generated always as identity primary key,
  shipment_id bigint not null references shipments (id),
  event       text not null check (event in ('created', 'picked_up', 'in_transit', 'delivered', 'lost')),
  location    text check (char_length(location) between 1 and 100),
  at          timestamptz not null
);
create index shipment_events_shipment_idx on shipment_events (shipment_id, id);

-- A broken fulfilment promise, recorded once per order and kind; after-sales compensates from it.
create table fulfilment_incidents (
  id          bigint generated always as identity primary key,
  order_id    bigint not null references orders (id),
  kind        text not null check (kind in ('ship_by_missed', 'parcel_lost')),
  -- the promise that was broken: ship_by_at for ship_by_missed; null when there was no time promise
  promised_at timestamptz,
  details     text not null,
  at          timestamptz not null,
  unique (order_id, kind)
);

-- The merchant's "to ship" list: paid orders of a shop, most urgent ship-by promise first.
create index orders_to_ship_idx on orders (shop_id, ship_by_at, id) where state = 'paid';
