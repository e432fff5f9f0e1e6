-- Issue 17: original prices (划线价) checked against a SKU's own price history (product rules §6.3).
-- A SKU may claim an original price above its price; every price it has been offered at is kept with
-- the moment it took effect, written in the same transaction as the price change.
alter table skus add column original_price_fen bigint;
alter table skus add constraint skus_original_price_above_price
  check (original_price_fen is null or original_price_fen > price_fen);

create table sku_prices (
  id         bigint generated always as identity primary key,
  sku_id     bigint not null references skus (id),
  price_fen  bigint not null check (price_fen > 0),
  -- in force from this moment until the next row's (the latest row is the price now)
  from_at    timestamptz not null
);
create index sku_prices_sku_idx on sku_prices (sku_id, from_at, id);

-- What is known of the SKUs already sold: their price since they were created.
insert into sku_prices (sku_id, price_fen, from_at) select id, price_fen, created_at from skus;
