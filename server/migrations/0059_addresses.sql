-- Addresses (issue 14, DOMAIN.md §9): the buyer's address book and each shop's warehouse and return
-- address. Regions are national administrative-division county codes (6 digits) from @vant/area-data;
-- the server checks the code against that table, so the database only checks the shape.
create table buyer_addresses (
  id          bigserial primary key,
  buyer_id    bigint not null references users (id),
  recipient   text not null check (char_length(recipient) between 1 and 25),
  phone       text not null check (phone ~ '^1[3-9][0-9]{9}$'),
  region_code text not null check (region_code ~ '^[0-9]{6}$'),
  detail      text not null check (char_length(detail) between 2 and 120),
  is_default  boolean not null default false,
  created_at  timestamptz not null default now(),
  updated_at  timestamptz not null default now()
);

create index buyer_addresses_buyer on buyer_addresses (buyer_id, created_at desc);
-- At most one default per buyer: switching runs clear-then-set in one transaction.
create unique index buyer_addresses_one_default on buyer_addresses (buyer_id) where is_default;

create table shop_addresses (
  shop_id     bigint not null references shops (id),
  kind        text not null check (kind in ('warehouse', 'return')),
  recipient   text not null check (char_length(recipient) between 1 and 25),
  phone       text not null check (phone ~ '^1[3-9][0-9]{9}$'),
  region_code text not null check (region_code ~ '^[0-9]{6}$'),
  detail      text not null check (char_length(detail) between 2 and 120),
  updated_at  timestamptz not null default now(),
  primary key (shop_id, kind)
);
