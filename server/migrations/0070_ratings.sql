-- Public ratings (DOMAIN.md §7, product rules §7.3): each product's and each shop's totals over its
-- visible reviews, so a list of cards or a ranked search reads a rating by primary key instead of
-- aggregating reviews. The totals are kept in step by a trigger on reviews, so every path that writes
-- or moves a review (posting and its screening, ops resolving a screening case, an upheld
-- malicious-review report, seeds) counts the same way: a review counts while it is visible.

create table product_ratings (
  product_id bigint primary key references products (id),
  shop_id    bigint not null references shops (id),
  -- visible reviews, the sum of their stars (1–5), and those with 4 or 5 stars (good ratings)
  reviews    integer not null default 0 check (reviews >= 0),
  stars      bigint not null default 0 check (stars >= 0),
  good       integer not null default 0 check (good between 0 and reviews),
  check (stars between reviews and 5 * reviews)
);
create index product_ratings_shop_idx on product_ratings (shop_id);

create table shop_ratings (
  shop_id bigint primary key references shops (id),
  reviews integer not null default 0 check (reviews >= 0),
  stars   bigint not null default 0 check (stars >= 0),
  good    integer not null default 0 check (good between 0 and reviews),
  check (stars between reviews and 5 * reviews)
);

create function review_ratings_apply(p_product bigint, p_shop bigint, p_sign integer, p_rating smallint)
returns void language plpgsql as $$
declare
  v_good integer := case when p_rating >= 4 then p_sign else 0 end;
begin
  -- product first, then shop: every writer locks in the same order. A review leaving the count was
  -- counted, so its rows exist; the insert's checks see the proposed row, hence no negative insert.
  if p_sign < 0 then
    update product_ratings set reviews = reviews - 1, stars = stars - p_rating, good = good + v_good
      where product_id = p_product;
    update shop_ratings set reviews = reviews - 1, stars = stars - p_rating, good = good + v_good
      where shop_id = p_shop;
    return;
  end if;
  insert into product_ratings as t (product_id, shop_id, reviews, stars, good)
  values (p_product, p_shop, 1, p_rating, v_good)
  on conflict (product_id) do update
    set reviews = t.reviews + 1, stars = t.stars + excluded.stars, good = t.good + excluded.good;
  insert into shop_ratings as t (shop_id, reviews, stars, good)
  values (p_shop, 1, p_rating, v_good)
  on conflict (shop_id) do update
    set reviews = t.reviews + 1, stars = t.stars + excluded.stars, good = t.good + excluded.good;
end;
$$;

create function reviews_keep_ratings() returns trigger language plpgsql as $$
begin
  if tg_op in ('UPDATE', 'DELETE') and old.state = 'visible' then
    perform review_ratings_apply(old.product_id, old.shop_id, -1, old.rating);
  end if;
  if tg_op in ('INSERT', 'UPDATE') and new.state = 'visible' then
    perform review_ratings_apply(new.product_id, new.shop_id, 1, new.rating);
  end if;
  return null;
end;
$$;

create trigger reviews_keep_ratings after insert or delete or update of state, rating, product_id, shop_id
  on reviews for each row execute function reviews_keep_ratings();

insert into product_ratings (product_id, shop_id, reviews, stars, good)
select product_id, min(shop_id), count(*), sum(rating), count(*) filter (where rating >= 4)
from reviews where state = 'visible' group by product_id;
insert into shop_ratings (shop_id, reviews, stars, good)
select shop_id, count(*), sum(rating), count(*) filter (where rating >= 4)
from reviews where state = 'visible' group by shop_id;

-- reviewFactsByShop: a shop's reviews written in a window (the experience score's negative-review rate)
create index reviews_shop_created_idx on reviews (shop_id, created_at) include (rating, state);
