-- Orders (DOMAIN.md §2): a cart across shops becomes one order per shop, grouped.

-- The first answer to a money-moving POST, keyed by (buyer, Idempotency-Key): a replay gets it again.
create table idempotency_keys (
  user_id      bigint not null references users (id),
  key          text not null,
  -- what the key was first used for; the same key on another request is refused
  request_hash text not null,
  status_code  integer not null,
  response     jsonb not null,
  created_at   timestamptz not null default now(),
  primary key (user_id, key)
);

create table order_groups (
  id         bigint generated always as identity primary key,
  buyer_id   bigint not null references users (id),
  total_fen  bigint not null check (total_fen >= 0),
  created_at timestamptz not null default now()
);
create index order_groups_buyer_idx on order_groups (buyer_id, id);

create table orders (
  id                bigint generated always as identity primary key,
  group_id          bigint not null references order_groups (id),
  buyer_id          bigint not null references users (id),
  shop_id           bigint not null references shops (id),
  state             text not null default 'pending_payment'
                    check (state in ('pending_payment', 'paid', 'shipped', 'delivered', 'completed', 'cancelled')),
  items_fen         bigint not null check (items_fen >= 0),
  total_fen         bigint not null check (total_fen >= 0),
  -- live attribution (直播间): the room the order was placed from, if any
  live_session_id   bigint references live_sessions (id),
  host_user_id      bigint references users (id),
  payment_due_at    timestamptz not null,
  paid_at           timestamptz,
  ship_by_at        timestamptz,
  shipped_at        timestamptz,
  delivered_at      timestamptz,
  completed_at      timestamptz,
  cancelled_at      timestamptz,
  cancel_reason     text,
  created_at        timestamptz not null default now(),
  updated_at        timestamptz not null default now()
);
create index orders_group_idx on orders (group_id);
create index orders_buyer_idx on orders (buyer_id, id desc);
create index orders_shop_idx on orders (shop_id, id desc);
create index orders_shop_state_idx on orders (shop_id, state, id desc);

create table order_lines (
  id                    bigint generated always as identity primary key,
  order_id              bigint not null references orders (id),
  sku_id                bigint not null references skus (id),
  product_id            bigint not null references products (id),
  title                 text not null,
  spec                  text not null,
  unit_price_fen        bigint not null check (unit_price_fen > 0),
  quantity              integer not null check (quantity > 0),
  line_fen              bigint not null check (line_fen = unit_price_fen * quantity),
  -- frozen at purchase: the category's platform commission, the creator's, the guarantees that applied
  platform_commission_bp integer not null check (platform_commission_bp between 0 and 10000),
  creator_commission_bp  integer not null default 0 check (creator_commission_bp between 0 and 10000),
  guarantees            text[] not null default '{}'
);
create index order_lines_order_idx on order_lines (order_id);

-- Every state change of an order, with who made it: the timeline buyers and merchants see.
create table order_events (
  id         bigint generated always as identity primary key,
  order_id   bigint not null references orders (id),
  from_state text,
  to_state   text not null,
  actor_kind text not null check (actor_kind in ('buyer', 'merchant', 'ops', 'system', 'carrier', 'provider')),
  actor_id   bigint,
  note       text,
  at         timestamptz not null default now()
);
create index order_events_order_idx on order_events (order_id, id);

-- Units of a SKU a buyer holds in live (not cancelled) orders: enforces per-buyer purchase limits.
create table buyer_sku_purchases (
  buyer_id bigint not null references users (id),
  sku_id   bigint not null references skus (id),
  quantity integer not null check (quantity >= 0),
  primary key (buyer_id, sku_id)
);
