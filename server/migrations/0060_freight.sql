-- Shipping fees (DOMAIN.md §9, product rules §9 "Shipping fees"): per-shop freight templates, and the
-- catalog columns that point at them (the product's template, a SKU's weight, a pre-sale's ship-by).

create table freight_templates (
  id             bigint generated always as identity primary key,
  shop_id        bigint not null references shops (id),
  name           text not null check (char_length(name) between 1 and 30),
  -- piece: units are pieces; weight: units are grams.
  mode           text not null check (mode in ('piece', 'weight')),
  first_units    integer not null check (first_units between 1 and 1000000),
  first_fen      integer not null check (first_fen between 0 and 10000000),
  extra_units    integer not null check (extra_units between 1 and 1000000),
  extra_fen      integer not null check (extra_fen between 0 and 10000000),
  free_over_fen  integer check (free_over_fen between 1 and 100000000),
  is_default     boolean not null default false,
  -- [{ codes: ['650000', ...], firstFen, extraFen, remote }]: region overrides, most specific code wins.
  regions        jsonb not null default '[]' check (jsonb_typeof(regions) = 'array'),
  excluded_codes text[] not null default '{}',
  created_at     timestamptz not null,
  updated_at     timestamptz not null,
  constraint freight_templates_name_key unique (shop_id, name)
);
-- One default template per shop (the one products without a template of their own use).
create unique index freight_templates_default_idx on freight_templates (shop_id) where is_default;

-- A template still used by a product cannot be deleted (restrict): the merchant moves the products first.
alter table products add column freight_template_id bigint references freight_templates (id) on delete restrict;
create index products_freight_template_idx on products (freight_template_id) where freight_template_id is not null;
-- DOMAIN.md §2: a pre-sale ships within 4–45 days of payment.
alter table products add column presale_ship_days integer check (presale_ship_days between 4 and 45);
alter table skus add column weight_grams integer not null default 0 check (weight_grams between 0 and 1000000);
