/** The kinds of account (identity stores them; access rules and principals speak of them). */
export type UserKind = 'buyer' | 'merchant' | 'creator' | 'ops';
/** The roles an ops account may hold (identity stores them; routes require them). */
export type OpsRole = 'reviewer' | 'arbiter' | 'rule_admin' | 'super_admin';

/** Who is calling: resolved from the bearer token on every protected route. */
export interface Principal {
  userId: number;
  kind: UserKind;
  opsRoles: readonly OpsRole[];
  tokenHash: Buffer;
  /** When the bearer token stops being accepted. */
  expiresAt: Date;
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
