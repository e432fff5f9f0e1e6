-- Issue 18: every checkout writes an order group, orders, lines, a timeline event, a payment, its order
-- links and two idempotency records, and each foreign key on those rows ran a check per row inside
-- the batch (a `select ... for key share` of the parent: about ten per order, measured at two thirds
-- of the order insert's time). The parents are guaranteed by the writer itself: the group, orders,
-- lines and event are inserted by one statement and the payment with its links by another, in the
-- transaction that read the buyer, the SKUs (stock taken, so locked) and their product and shop.
-- Nothing deletes users, shops, products, SKUs, live sessions, groups, orders or payments. So these
-- columns become plain ids, as references between modules are meant to be (STYLE.md: modules refer
-- to each other's records by id). Foreign keys on rows written one at a time stay as they are.
alter table order_groups drop constraint order_groups_buyer_id_fkey;
alter table orders drop constraint orders_group_id_fkey;
alter table orders drop constraint orders_buyer_id_fkey;
alter table orders drop constraint orders_shop_id_fkey;
alter table orders drop constraint orders_live_session_id_fkey;
alter table orders drop constraint orders_host_user_id_fkey;
alter table order_lines drop constraint order_lines_order_id_fkey;
alter table order_lines drop constraint order_lines_sku_id_fkey;
alter table order_lines drop constraint order_lines_product_id_fkey;
alter table order_events drop constraint order_events_order_id_fkey;
alter table payments drop constraint payments_group_id_fkey;
alter table payments drop constraint payments_buyer_id_fkey;
alter table payment_orders drop constraint payment_orders_payment_id_fkey;
alter table payment_orders drop constraint payment_orders_order_id_fkey;
alter table idempotency_keys drop constraint idempotency_keys_user_id_fkey;
