-- Product images (merchant uploads), kept in the platform's file store (evidence_files): the original
-- and a generated thumbnail. Position 0 is the main image; positions are unique per product and
-- checked at commit, so a reorder can move them in one statement.
create table product_images (
  id                bigint generated always as identity primary key,
  product_id        bigint not null references products (id),
  file_id           bigint not null references evidence_files (id),
  thumbnail_file_id bigint not null references evidence_files (id),
  position          integer not null check (position >= 0),
  width             integer not null check (width > 0),
  height            integer not null check (height > 0),
  created_at        timestamptz not null,
  constraint product_images_position_key unique (product_id, position) deferrable initially deferred,
  constraint product_images_file_key unique (product_id, file_id)
);
