/** The kinds of account (identity stores them; access rules and principals speak of them). */
export type UserKind = 'buyer' | 'merchant' | 'creator' | 'ops';
/** The roles an ops account may hold (identity stores them; routes require them). */
export type OpsRole = 'reviewer' | 'arbiter' | 'rule_admin' | 'super_admin';

/**
 * What a shop's API key may do (docs/api-keys.md). A route that takes keys names one scope in
 * `config.scope`; a key is refused on every route that names none, and on routes of other shops.
 */
export const API_KEY_SCOPES = [
  'orders:read',
  'orders:ship',
  'products:read',
  'products:write',
  'inventory:write',
  'aftersales:read',
  'aftersales:write',
  'finance:read',
  'reviews:read',
] as const;
export type ApiKeyScope = (typeof API_KEY_SCOPES)[number];

/** The key a request authenticated with, when it came from a shop's system rather than a person. */
export interface ApiKeyGrant {
  keyId: number;
  shopId: number;
  scopes: readonly ApiKeyScope[];
}

/** Who is calling: resolved from the bearer token on every protected route. */
export interface Principal {
  userId: number;
  kind: UserKind;
  opsRoles: readonly OpsRole[];
  tokenHash: Buffer;
  /** When the bearer token stops being accepted. */
  expiresAt: Date;
  /** Set when the bearer token is a shop's API key: the request acts for that shop, within these scopes. */
  apiKey?: ApiKeyGrant;
}

/**
 * Who may call a route. Every route declares one in `config.access`; a route without it refuses
 * everyone (see http.ts), so forgetting it fails closed.
 * - 'public': anyone, no token needed
 * - 'user': any signed-in account
 * - { kinds }: accounts of these kinds (tenant checks happen in the use case)
 * - { ops }: ops accounts holding one of these roles (super_admin passes every ops check)
 */
export type Access = 'public' | 'user' | { kinds: readonly UserKind[] } | { ops: readonly OpsRole[] };

export function allows(access: Access, principal: Principal | null): 'ok' | 'unauthenticated' | 'forbidden' {
  if (access === 'public') return 'ok';
  if (!principal) return 'unauthenticated';
  if (access === 'user') return 'ok';
  if ('kinds' in access) return access.kinds.includes(principal.kind) ? 'ok' : 'forbidden';
  if (principal.kind !== 'ops') return 'forbidden';
  if (principal.opsRoles.includes('super_admin')) return 'ok';
  return access.ops.some((role) => principal.opsRoles.includes(role)) ? 'ok' : 'forbidden';
}

/** Why an API key may not call a route: the error code, words for API readers, and details. */
export interface ApiKeyRefusal {
  code: 'api_key_not_allowed' | 'insufficient_scope' | 'not_found';
  message: string;
  details: Record<string, unknown>;
}

/**
 * Whether a key may call a route (docs/api-keys.md): the route must take keys (`scope`), the key must
 * hold that scope, and a route of a shop (`/shops/:id/…`, `shopId` its raw path value) must be the
 * key's own shop; another shop answers 404, as if it did not exist. Null when the key may pass.
 */
export function apiKeyRefusal(
  grant: ApiKeyGrant,
  route: { scope: ApiKeyScope | undefined; shopId: string | undefined },
): ApiKeyRefusal | null {
  if (route.scope === undefined) {
    return {
      code: 'api_key_not_allowed',
      message: 'This route does not take API keys; a person signs in to use it',
      details: {},
    };
  }
  if (!grant.scopes.includes(route.scope)) {
    return {
      code: 'insufficient_scope',
      message: `This API key lacks the scope ${route.scope}`,
      details: { scope: route.scope },
    };
  }
  if (route.shopId !== undefined && Number(route.shopId) !== grant.shopId) {
    return {
      code: 'not_found',
      message: `shop ${route.shopId} not found`,
      details: {
        resource: 'shop',
        id: route.shopId,
        key: 'not_found',
        params: { resource: 'shop', id: route.shopId },
      },
    };
  }
  return null;
}
