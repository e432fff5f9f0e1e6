import type { ColumnType, Generated } from 'kysely';
import type { ApiKeyScope } from '../../platform/access.ts';

export type ApiKeyState = 'active' | 'revoked';

/** A shop's API key (docs/api-keys.md): only the token's SHA-256 is kept; `prefix` names it in lists. */
export interface ApiKeysTable {
  id: Generated<number>;
  shopId: number;
  name: string;
  scopes: ApiKeyScope[];
  tokenHash: Buffer;
  /** The token's first 10 characters (`xr_` and 7 of its random ones), shown so an owner can tell keys apart. */
  prefix: string;
  state: ColumnType<ApiKeyState, ApiKeyState | undefined, ApiKeyState>;
  /** The owner who made it: requests with the key act as this account, within its scopes. */
  createdBy: number;
  createdAt: ColumnType<Date, Date, never>;
  /** Written at most once a minute per key. */
  lastUsedAt: Date | null;
  revokedAt: Date | null;
  revokedBy: number | null;
  rateLimitPerMinute: ColumnType<number, number | undefined, number>;
}

export interface ApiKeysTables {
  apiKeys: ApiKeysTable;
}
