-- Order amounts of issue 14 (product rules §9 "Order amounts, escrow and refunds"): a delivery address
-- snapshot, a shipping fee, the shop and platform coupon discounts of an order, and per line what the
-- buyer paid for it once the discounts are spread over the lines. total_fen stays what the buyer pays:
-- items + shipping − discounts (escrow receives exactly this).

alter table orders
  add column shipping_fen          bigint not null default 0 check (shipping_fen >= 0),
  add column shop_discount_fen     bigint not null default 0 check (shop_discount_fen >= 0),
  add column platform_discount_fen bigint not null default 0 check (platform_discount_fen >= 0),
  -- the buyer coupons used (promotions' ids; no FK: promotions owns its table)
  add column shop_coupon_id        bigint,
  add column platform_coupon_id    bigint,
  -- {recipient, phone, regionCode, regionName, detail} as the buyer chose it; null on older orders
  add column address               jsonb,
  -- a pre-sale order's ship-by promise in days after payment (DOMAIN §2: 4–45); null: the usual 48 h
  add column presale_ship_days     integer check (presale_ship_days between 1 and 60),
  add constraint orders_amounts_check
    check (total_fen = items_fen + shipping_fen - shop_discount_fen - platform_discount_fen);

alter table order_lines
  -- the flash sale the line was priced by (flash-sales' id), and the SKU's own price then
  add column flash_sale_id         bigint,
  add column list_unit_price_fen   bigint check (list_unit_price_fen > 0),
  add column shop_discount_fen     bigint not null default 0 check (shop_discount_fen >= 0),
  add column platform_discount_fen bigint not null default 0 check (platform_discount_fen >= 0),
  add column paid_fen              bigint;
update order_lines set paid_fen = line_fen;
alter table order_lines
  alter column paid_fen set not null,
  add constraint order_lines_paid_check
    check (paid_fen = line_fen - shop_discount_fen - platform_discount_fen and paid_fen >= 0);

-- Settlement: the platform pays the merchant the platform discount of what was not refunded, from its
-- subsidy account. What leaves escrow plus the subsidy is what the parties receive.
alter table settlements add column subsidy_fen bigint not null default 0 check (subsidy_fen >= 0);
do $$
declare c text;
begin
  for c in
    select conname from pg_constraint
    where conrelid = 'settlements'::regclass and contype = 'c'
      and pg_get_constraintdef(oid) like '%platform_commission_fen + creator_commission_fen%'
  loop
    execute format('alter table settlements drop constraint %I', c);
  end loop;
end $$;
alter table settlements add constraint settlements_split_check
  check (paid_fen - refunded_fen + subsidy_fen
         = platform_commission_fen + creator_commission_fen + deposit_withheld_fen + merchant_fen);

-- The platform's subsidy of platform coupons is an expense account (runs negative by what it paid).
alter table ledger_accounts drop constraint ledger_accounts_type_check;
alter table ledger_accounts add constraint ledger_accounts_type_check
  check (type in ('external', 'holding', 'payable', 'revenue', 'reserve', 'expense'));
