-- Proactive protection (product rules §8.5, DOMAIN §5 平台主动保障): a SKU whose quality-refund rate
-- spikes above its category's baseline is protected — its quality-reason refund requests are approved at
-- once — until ops clear it (active → cleared). One active protection per SKU.

create table sku_protections (
  id              bigint generated always as identity primary key,
  sku_id          bigint not null references skus (id),
  product_id      bigint not null references products (id),
  shop_id         bigint not null references shops (id),
  category_id     bigint not null,
  state           text not null default 'active' check (state in ('active', 'cleared')),
  -- the rule's figures at detection: window, orders, quality refunds, rate, baseline, multiple, config version
  rate_bp         integer not null,
  baseline_bp     integer not null,
  eligible_orders integer not null,
  quality_refunds integer not null,
  inputs          jsonb not null,
  explanation_zh  text not null,
  explanation_en  text not null,
  detected_at     timestamptz not null,
  -- quality-reason requests approved at once while it was active
  auto_approved   integer not null default 0,
  cleared_by      bigint references users (id),
  cleared_at      timestamptz,
  clear_note      text,
  check ((state = 'cleared') = (cleared_at is not null))
);
create unique index sku_protections_active_idx on sku_protections (sku_id) where state = 'active';
create index sku_protections_shop_idx on sku_protections (shop_id, detected_at desc);
create index sku_protections_state_idx on sku_protections (state, detected_at desc);
