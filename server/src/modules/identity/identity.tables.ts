import type { ColumnType, Generated } from 'kysely';

export type UserKind = 'buyer' | 'merchant' | 'creator' | 'ops';
export type OpsRole = 'reviewer' | 'arbiter' | 'rule_admin' | 'super_admin';

export interface UsersTable {
  id: Generated<number>;
  kind: UserKind;
  login: string;
  displayName: string;
  phone: string | null;
  passwordHash: string;
  status: ColumnType<'active' | 'disabled', 'active' | 'disabled' | undefined>;
  createdAt: ColumnType<Date, Date | undefined, never>;
}

export interface OpsRolesTable {
  userId: number;
  role: OpsRole;
}

export interface AuthTokensTable {
  tokenHash: Buffer;
  userId: number;
  createdAt: ColumnType<Date, Date | undefined, never>;
  expiresAt: Date;
  revokedAt: Date | null;
}

export interface IdentityTables {
  users: UsersTable;
  opsRoles: OpsRolesTable;
  authTokens: AuthTokensTable;
}
