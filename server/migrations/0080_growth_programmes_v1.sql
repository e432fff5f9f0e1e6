-- Version 1 of the growth programmes (product rules §7.5), as data; ops add later versions.
with ladder as (
  insert into growth_programme_versions (programme, version, effective_from, note,
    boost_credits_per_hour, boost_weight_bp, boost_max_hours, new_shop_boost_bp, new_shop_boost_days)
  values ('new_merchant', 1, '2000-01-01T00:00:00Z', '新商启航 第1版', 100, 3000, 24, 2000, 30)
  returning id
)
insert into growth_ladder_steps (version_id, position, code, metric, threshold, reward_credits)
select ladder.id, s.position, s.code, s.metric, s.threshold, s.reward_credits
from ladder, (values
  (1, 'list_products',    'listed_products',  3,  200),
  (2, 'first_live',       'live_sessions',    1,  300),
  (3, 'three_lives_week', 'live_sessions_7d', 3,  500),
  (4, 'first_order',      'paid_orders',      1,  500),
  (5, 'first_followers',  'followers',        10, 800),
  (6, 'first_video',      'product_videos',   1,  600),
  (7, 'ten_orders',       'paid_orders',      10, 1000)
) as s (position, code, metric, threshold, reward_credits);

with doujin as (
  insert into growth_programme_versions (programme, version, effective_from, note)
  values ('active_seller', 1, '2000-01-01T00:00:00Z', '斗金计划 第1版')
  returning id
)
insert into growth_seller_tiers (version_id, tier, min_live_hours, min_live_days, min_product_videos,
  min_follower_gain, min_listed_products, reward_credits, rebate_bp, rebate_cap_fen)
select doujin.id, t.* from doujin, (values
  (1, 10, 5,  3,  20,  5,  1000, 100, 200000),
  (2, 30, 15, 10, 100, 10, 3000, 200, 1000000),
  (3, 60, 30, 30, 500, 20, 8000, 300, 5000000)
) as t;
