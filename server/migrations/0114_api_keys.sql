-- Issue 19: API keys for a shop's own systems (docs/api-keys.md). A key acts for the shop it was made
-- in, as the owner who made it, within its scopes; only the SHA-256 of its token is kept (the token is
-- shown once). Revoking is for good: active → revoked.
create table api_keys (
  id                    bigint generated always as identity primary key,
  shop_id               bigint not null references shops (id),
  name                  text not null check (char_length(name) between 1 and 60),
  scopes                text[] not null check (
    cardinality(scopes) between 1 and 9
    and scopes <@ array['orders:read', 'orders:ship', 'products:read', 'products:write', 'inventory:write',
                        'aftersales:read', 'aftersales:write', 'finance:read', 'reviews:read']
  ),
  token_hash            bytea not null unique check (octet_length(token_hash) = 32),
  -- the token's first 10 characters, shown in lists
  prefix                text not null check (prefix like 'xr\_%' and char_length(prefix) = 10),
  state                 text not null default 'active' check (state in ('active', 'revoked')),
  created_by            bigint not null references users (id),
  created_at            timestamptz not null,
  -- written at most once a minute per key (not on every request)
  last_used_at          timestamptz,
  revoked_at            timestamptz,
  revoked_by            bigint references users (id),
  -- requests per minute, counted across every server process (rate_limits)
  rate_limit_per_minute integer not null default 600 check (rate_limit_per_minute between 1 and 100000),
  check ((state = 'revoked') = (revoked_at is not null and revoked_by is not null))
);

create index api_keys_shop on api_keys (shop_id, id);
