-- Issue 18: the read cache of buyers' public reads (platform/read-cache.ts) keeps answers per server
-- process for a few seconds. When a row those answers show changes, these triggers publish its tag on
-- the `read_cache` channel (delivered to every process after commit), so any writer, in any module or
-- process, invalidates without knowing the cache. Stock counts are left to the cache's TTL (checkout
-- changes them on every order, and a NOTIFY at every commit would serialise checkout's commits:
-- PostgreSQL takes one lock for every notifying commit); only a SKU selling out or coming back publishes.
create function read_cache_notify() returns trigger language plpgsql as $$
declare
  tag text;
  r record;
begin
  r := case when tg_op = 'DELETE' then old else new end;
  -- one branch per table: plpgsql plans a field reference only when its branch runs
  if tg_table_name = 'products' then tag := 'product:' || r.id;
  elsif tg_table_name in ('skus', 'product_images') then
    -- only a listed product's page can be cached (a draft's SKUs being written notify nothing)
    if not exists (select 1 from products p where p.id = r.product_id and p.state = 'listed') then
      return null;
    end if;
    tag := 'product:' || r.product_id;
  elsif tg_table_name = 'shops' then tag := 'shop:' || r.id;
  elsif tg_table_name in ('freight_templates', 'shop_addresses') then tag := 'shop:' || r.shop_id;
  elsif tg_table_name = 'live_sessions' then tag := 'live:' || r.id;
  elsif tg_table_name = 'live_pins' then tag := 'live:' || r.session_id;
  end if;
  perform pg_notify('read_cache', tag);
  return null;
end
$$;

-- Only a product that was listed can be in a cache (a page that answered 404 is not kept, and a list
-- takes a newly listed product within its TTL): drafts, reviews and new listings notify nothing, so
-- listing submits do not queue on NOTIFY's commit lock.
create trigger products_read_cache after update or delete on products
  for each row when (old.state = 'listed') execute function read_cache_notify();
create trigger skus_read_cache after insert or delete
  or update of product_id, code, spec, price_fen, original_price_fen, purchase_limit, weight_grams on skus
  for each row execute function read_cache_notify();
create trigger skus_sold_out_read_cache after update of stock on skus
  for each row when ((old.stock > 0) <> (new.stock > 0)) execute function read_cache_notify();
create trigger product_images_read_cache after insert or update or delete on product_images
  for each row execute function read_cache_notify();
create trigger shops_read_cache after update of name, state on shops
  for each row execute function read_cache_notify();
-- a product page shows its shop's shipping terms and where it ships from
create trigger freight_templates_read_cache after insert or update or delete on freight_templates
  for each row execute function read_cache_notify();
create trigger shop_addresses_read_cache after insert or update or delete on shop_addresses
  for each row execute function read_cache_notify();
create trigger live_sessions_read_cache after insert or delete
  or update of host_user_id, shop_id, title, state, scheduled_at, started_at, ended_at, end_reason, stream_url
  on live_sessions
  for each row execute function read_cache_notify();
create trigger live_pins_read_cache after insert or update or delete on live_pins
  for each row execute function read_cache_notify();

-- Ranked answers also move with the stored ranks (a penalty, a badge, the periodic refresh) and with
-- growth boosts: one `ranks` message per statement, however many rows it changed.
create function read_cache_notify_ranks() returns trigger language plpgsql as $$
begin
  perform pg_notify('read_cache', 'ranks');
  return null;
end
$$;

create trigger discovery_product_ranks_read_cache after insert or update or delete on discovery_product_ranks
  for each statement execute function read_cache_notify_ranks();
create trigger discovery_shop_ranks_read_cache after insert or update or delete on discovery_shop_ranks
  for each statement execute function read_cache_notify_ranks();
create trigger growth_boosts_read_cache after insert or update or delete on growth_boosts
  for each statement execute function read_cache_notify_ranks();
