import type { ColumnType, Generated } from 'kysely';
import type { OpsRole, UserKind } from '../../platform/access.ts';

// Access rules speak of account kinds and ops roles, so the platform declares them; identity stores them.
export type { OpsRole, UserKind };

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
