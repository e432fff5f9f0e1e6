-- Foundation: identity, shops, catalog, live sessions (DOMAIN.md §1–2).
-- States are text with check constraints; their transitions live in code as data tables.

create table users (
  id            bigint generated always as identity primary key,
  kind          text not null check (kind in ('buyer', 'merchant', 'creator', 'ops')),
  login         text not null unique,
  display_name  text not null,
  phone         text,
  password_hash text not null,
  status        text not null default 'active' check (status in ('active', 'disabled')),
  created_at    timestamptz not null default now()
);

create table ops_roles (
  user_id bigint not null references users (id),
  role    text not null check (role in ('reviewer', 'arbiter', 'rule_admin', 'super_admin')),
  primary key (user_id, role)
);

-- Opaque bearer tokens: only their SHA-256 is stored.
create table auth_tokens (
  token_hash bytea primary key,
  user_id    bigint not null references users (id),
  created_at timestamptz not null default now(),
  expires_at timestamptz not null,
  revoked_at timestamptz
);
create index auth_tokens_user_idx on auth_tokens (user_id);

create table categories (
  id                      bigint generated always as identity primary key,
  parent_id               bigint references categories (id),
  name                    text not null,
  name_en                 text not null,
  regulated_type          text check (regulated_type in ('food', 'drug', 'cosmetic', 'medical_device')),
  required_qualifications text[] not null default '{}',
  no_reason_return        boolean not null default true,
  perishable              boolean not null default false,
  custom_made             boolean not null default false,
  is_virtual              boolean not null default false,
  default_guarantees      text[] not null default '{}',
  deposit_fen             bigint not null default 0 check (deposit_fen >= 0),
  commission_bp           integer not null default 500 check (commission_bp between 0 and 10000),
  zero_deposit_eligible   boolean not null default true,
  created_at              timestamptz not null default now(),
  unique (parent_id, name)
);
create index categories_parent_idx on categories (parent_id);

create table brands (
  id         bigint generated always as identity primary key,
  name       text not null unique,
  name_en    text,
  created_at timestamptz not null default now()
);

create table shops (
  id               bigint generated always as identity primary key,
  name             text not null unique,
  type             text not null check (type in ('individual', 'enterprise', 'flagship')),
  state            text not null default 'probation'
                   check (state in ('probation', 'active', 'restricted', 'suspended', 'closed')),
  owner_user_id    bigint not null references users (id),
  main_category_id bigint not null references categories (id),
  description      text not null default '',
  created_at       timestamptz not null default now(),
  updated_at       timestamptz not null default now()
);
create index shops_owner_idx on shops (owner_user_id);

-- Every state change of a shop, with who made it and why.
create table shop_events (
  id         bigint generated always as identity primary key,
  shop_id    bigint not null references shops (id),
  from_state text,
  to_state   text not null,
  actor_id   bigint references users (id),
  reason     text not null,
  at         timestamptz not null default now()
);
create index shop_events_shop_idx on shop_events (shop_id, id);

create table shop_members (
  shop_id    bigint not null references shops (id),
  user_id    bigint not null references users (id),
  role       text not null check (role in ('owner', 'staff')),
  created_at timestamptz not null default now(),
  primary key (shop_id, user_id)
);
create index shop_members_user_idx on shop_members (user_id);

create table products (
  id                    bigint generated always as identity primary key,
  shop_id               bigint not null references shops (id),
  category_id           bigint not null references categories (id),
  brand_id              bigint references brands (id),
  title                 text not null,
  description           text not null default '',
  image_url             text,
  state                 text not null default 'draft'
                        check (state in ('draft', 'in_review', 'listed', 'rejected', 'delisted', 'blocked')),
  -- merchant opt-in guarantees; the effective set adds the category defaults
  guarantees            text[] not null default '{}',
  qualification_no      text,
  -- commission offered to creators who pin this product (分销); null: not offered
  creator_commission_bp integer check (creator_commission_bp between 0 and 10000),
  state_reason          text,
  created_at            timestamptz not null default now(),
  updated_at            timestamptz not null default now()
);
create index products_shop_idx on products (shop_id, id);
create index products_listed_idx on products (category_id, id) where state = 'listed';

create table skus (
  id             bigint generated always as identity primary key,
  product_id     bigint not null references products (id),
  code           text not null,
  spec           text not null default '',
  price_fen      bigint not null check (price_fen > 0),
  stock          integer not null check (stock >= 0),
  purchase_limit integer check (purchase_limit > 0),
  created_at     timestamptz not null default now(),
  unique (product_id, code)
);

-- Every state change of a product, with who made it and why.
create table product_events (
  id         bigint generated always as identity primary key,
  product_id bigint not null references products (id),
  from_state text,
  to_state   text not null,
  actor_id   bigint references users (id),
  reason     text,
  at         timestamptz not null default now()
);
create index product_events_product_idx on product_events (product_id, id);

create table live_sessions (
  id            bigint generated always as identity primary key,
  host_user_id  bigint not null references users (id),
  -- set when a shop hosts its own room; null for a creator's room
  shop_id       bigint references shops (id),
  title         text not null,
  state         text not null default 'scheduled' check (state in ('scheduled', 'live', 'ended', 'terminated')),
  scheduled_at  timestamptz not null,
  started_at    timestamptz,
  ended_at      timestamptz,
  end_reason    text,
  created_at    timestamptz not null default now()
);
create index live_sessions_state_idx on live_sessions (state, scheduled_at);
create index live_sessions_host_idx on live_sessions (host_user_id, id);

create table live_pins (
  id            bigint generated always as identity primary key,
  session_id    bigint not null references live_sessions (id),
  product_id    bigint not null references products (id),
  commission_bp integer not null default 0 check (commission_bp between 0 and 10000),
  pinned_by     bigint not null references users (id),
  pinned_at     timestamptz not null default now(),
  unpinned_at   timestamptz
);
create unique index live_pins_active_idx on live_pins (session_id, product_id) where unpinned_at is null;
