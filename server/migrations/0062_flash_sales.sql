-- Flash sales (秒杀, DOMAIN.md §9): a time-boxed price on one SKU with its own stock cap and a per-buyer
-- limit, started and ended by durable deadlines; optionally offered in a live room ("上架秒杀").

create table flash_sales (
  id               bigint generated always as identity primary key,
  shop_id          bigint not null references shops (id),
  product_id       bigint not null references products (id),
  sku_id           bigint not null references skus (id),
  -- the live room that offered it; null for a sale set up in the merchant console
  live_session_id  bigint references live_sessions (id),
  price_fen        bigint not null check (price_fen > 0),
  stock_cap        integer not null check (stock_cap >= 1),
  -- units taken by checkouts (and given back by unpaid cancellations); never above the cap
  sold             integer not null default 0 check (sold >= 0 and sold <= stock_cap),
  per_buyer_limit  integer not null check (per_buyer_limit >= 1),
  starts_at        timestamptz not null,
  ends_at          timestamptz not null check (ends_at > starts_at),
  state            text not null default 'scheduled'
                   check (state in ('scheduled', 'running', 'ended', 'cancelled')),
  created_by       bigint not null references users (id),
  created_at       timestamptz not null,
  updated_at       timestamptz not null
);
-- One scheduled or running sale per SKU at a time: the price a buyer pays is never ambiguous, and two
-- concurrent creations cannot both pass the check.
create unique index flash_sales_one_open_per_sku_idx on flash_sales (sku_id)
  where state in ('scheduled', 'running');
create index flash_sales_shop_idx on flash_sales (shop_id, id desc);
create index flash_sales_session_idx on flash_sales (live_session_id, starts_at)
  where live_session_id is not null;

-- Units each buyer took of a sale (per-buyer limit); given back with the sale's units.
create table flash_sale_buyers (
  flash_sale_id bigint not null references flash_sales (id),
  buyer_id      bigint not null references users (id),
  quantity      integer not null check (quantity >= 0),
  primary key (flash_sale_id, buyer_id)
);
